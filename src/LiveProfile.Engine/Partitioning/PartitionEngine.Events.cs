using LiveProfile.Engine.Contract;
using LiveProfile.Engine.Features;
using LiveProfile.Engine.Partitioning.Live;
using LiveProfile.Engine.Time;

namespace LiveProfile.Engine.Partitioning;

/// <summary>How each event type changes a profile's features (spec/events.md, spec/taxonomy.md "interactions").</summary>
public sealed partial class PartitionEngine
{
    private void ApplyToProfile(Profile profile, EventRecord e)
    {
        var ts = e.TsMs;
        var minute = EventTime.ToMinute(ts);
        var offset = Options.LocalUtcOffsetMinutes;
        var day = EventTime.LocalDay(ts, offset); // windows are whole local days
        switch (e.Type)
        {
            case EventType.UserProfile:
                ApplyAttributes(profile, e.Props);
                profile.Touch(minute);
                return;
            case EventType.UserConsent:
                ApplyConsent(profile, e.Props.Purposes);
                return;
            case EventType.IdentityLink:
            case EventType.IdentityMatch:
            case EventType.IdentityReject:
            case EventType.IdentityUnmerge:
                return; // the router merged or split the identities; nothing to count
            case EventType.MarketingInvite:
                // Not the user's activity: it must not make a dormant profile look active.
                profile.RecordInvitation(World.SessionKeyOf(e.Session!), day);
                return;
        }

        profile.Touch(minute);
        var amount = e.Type == EventType.LiveLike ? (uint)Math.Clamp(e.Props.Count ?? 1, 1, int.MaxValue) : 1u;
        profile.Count(day, FeatureKeys.EventType(e.Type), amount);
        profile.Count(day, FeatureKeys.Hour(EventTime.LocalHour(ts, offset)), 1);
        if (!profile.Has(FeatureKeys.ActiveDay, day)) profile.Count(day, FeatureKeys.ActiveDay, 1);

        if (e.Type.IsLive())
        {
            ApplyLive(profile, e, minute, day);
            return;
        }
        switch (e.Type)
        {
            case EventType.ShopView:
                View(profile, e.Product, minute, day);
                if (e.Props.Section == "reviews") profile.Count(day, FeatureKeys.ReviewViews, 1);
                break;
            case EventType.ShopCartAdd:
                if (Interact(profile, e.Product, minute, day) is { } carted) FunnelPurchase(profile, e, carted.ProductKey, ordered: false);
                break;
            case EventType.ShopOrder:
                ApplyOrder(profile, e, minute, day);
                break;
            case EventType.ShopRefund:
                profile.Refunds += e.Props.Amount ?? 0;
                profile.Count(day, FeatureKeys.RefundCents, Cents(e.Props.Amount));
                break;
        }
    }

    private void ApplyLive(Profile profile, EventRecord e, int minute, int day)
    {
        var room = e.Room!;
        var roomKey = World.RoomKey(room);
        var sessionKey = World.SessionKey(room, e.Session, e.TsMs, Options.LocalUtcOffsetMinutes);
        ref var attendance = ref profile.Attend(sessionKey, roomKey, day);
        switch (e.Type)
        {
            case EventType.LiveJoin:
                RecordPresence(profile, room, roomKey, sessionKey, e.TsMs, PresenceKind.Join);
                break;
            case EventType.LiveHeartbeat:
                RecordPresence(profile, room, roomKey, sessionKey, e.TsMs, PresenceKind.Seen);
                break;
            case EventType.LiveLeave:
                RecordPresence(profile, room, roomKey, sessionKey, e.TsMs, PresenceKind.Leave);
                break;
            case EventType.LiveComment:
                attendance.Flags |= AttendanceFlags.Commented;
                Comment(profile, e, minute, day, ref attendance);
                break;
            case EventType.LiveLike:
                InteractWithScreen(profile, room, e.TsMs, minute, day, ref attendance);
                break;
            case EventType.LiveGift:
                profile.Count(day, FeatureKeys.GiftCents, Cents(e.Props.Value));
                InteractWithScreen(profile, room, e.TsMs, minute, day, ref attendance);
                break;
            case EventType.LiveFollow:
                profile.Follow(roomKey);
                break;
            case EventType.LiveCouponClaim:
                attendance.Flags |= AttendanceFlags.ClaimedCoupon;
                break;
            case EventType.LiveProductClick:
                attendance.Flags |= AttendanceFlags.Interacted;
                if (View(profile, e.Product, minute, day) is { } clicked)
                {
                    RememberClick(profile, clicked.ProductKey, e.TsMs);
                    FunnelClick(profile, roomKey, sessionKey, clicked.ProductKey, e.TsMs);
                }
                break;
        }
        if (e.Type is not (EventType.LiveLeave or EventType.LiveJoin or EventType.LiveHeartbeat)) RecordPresence(profile, room, roomKey, sessionKey, e.TsMs, PresenceKind.Seen);
    }

    private void InteractWithScreen(Profile profile, string room, long tsMs, int minute, int day, ref SessionAttendance attendance)
    {
        if (World.OnScreen(room, tsMs) is not { } product) return;
        attendance.Flags |= AttendanceFlags.Interacted;
        Interact(profile, product, minute, day);
    }

    /// <summary>
    /// A comment counts under its intent; while a product is presented it also counts under the
    /// product's category, and when it is about the product (any intent but <c>other</c>, or it names
    /// the brand or the title) it is an interaction with the product.
    /// </summary>
    private void Comment(Profile profile, EventRecord e, int minute, int day, ref SessionAttendance attendance)
    {
        var text = e.Props.Text ?? "";
        var intent = e.Props.Intent ?? Options.CommentClassifier?.Classify(text) ?? CommentIntent.Other;
        profile.Count(day, FeatureKeys.Intent(intent), 1);
        if (World.OnScreen(e.Room, e.TsMs) is not { } product) return;
        if (product.TopCategoryKey <= FeatureKeys.MaxCategoryId) profile.Count(day, FeatureKeys.Intent(product.TopCategoryKey, intent), 1);
        var mentions = intent != CommentIntent.Other
            || (product.Brand is { Length: > 0 } brand && text.Contains(brand, StringComparison.OrdinalIgnoreCase))
            || text.Contains(product.Title, StringComparison.OrdinalIgnoreCase);
        if (!mentions) return;
        attendance.Flags |= AttendanceFlags.Interacted;
        Interact(profile, product, minute, day);
    }

    /// <summary>A detail view or a live click: an interaction that also counts as a view of a (distinct) product.</summary>
    private ProductInfo? View(Profile profile, string? product, int minute, int day)
    {
        if (Interact(profile, product, minute, day) is not { } info) return null;
        if (info.TopCategoryKey <= FeatureKeys.MaxCategoryId) profile.Count(day, FeatureKeys.View(info.TopCategoryKey), 1);
        profile.RecordView(info.ProductKey, info.TopCategoryKey, day);
        return info;
    }

    private ProductInfo? Interact(Profile profile, string? product, int minute, int day)
    {
        if (!World.TryGetProduct(product, out var info)) return null;
        Interact(profile, info, minute, day);
        return info;
    }

    private void Interact(Profile profile, ProductInfo info, int minute, int day)
    {
        profile.AddInteraction(info.AffinityKeys, 1, minute, Options.HalfLifeMinutes);
        profile.Count(day, FeatureKeys.Interactions, 1);
        if (info.TopCategoryKey <= FeatureKeys.MaxCategoryId) profile.Count(day, FeatureKeys.Interaction(info.TopCategoryKey), 1);
    }

    private void ApplyOrder(Profile profile, EventRecord e, int minute, int day)
    {
        var props = e.Props;
        var total = props.Total ?? 0;
        profile.Orders++;
        profile.Spend += total;
        profile.RecordPurchase(day, total);
        _spendRanks.NoteOrder();
        profile.LastOrderMinute = Math.Max(profile.LastOrderMinute, minute);
        profile.Count(day, FeatureKeys.SpendCents, Cents(total));
        var discounted = props.CouponId is not null;
        var impulse = false;
        Span<int> categories = stackalloc int[8];
        var categoryCount = 0;
        var itemCount = props.Items?.Count ?? 0;
        Span<int> products = itemCount <= 64 ? stackalloc int[itemCount] : new int[itemCount];
        var productCount = 0;
        // An order is premium when its dearest catalogued item is priced above its category's median.
        var dearest = -1.0;
        var premium = false;
        foreach (var item in props.Items ?? [])
        {
            if (item.Discount > 0) discounted = true;
            if (!World.TryGetProduct(item.Product, out var info)) continue;
            var price = item.UnitPrice > 0 ? item.UnitPrice : info.Price;
            if (price > dearest)
            {
                dearest = price;
                premium = price > World.MedianPrice(info.TopCategoryKey);
            }
            Interact(profile, info, minute, day);
            profile.RecordBought(info.ProductKey, info.TopCategoryKey, day);
            impulse |= _impulse.WasClicked(profile.Id, info.ProductKey, e.TsMs);
            FunnelPurchase(profile, e, info.ProductKey, ordered: true);
            products[productCount++] = info.ProductKey;
            if (categoryCount < categories.Length && categories[..categoryCount].IndexOf(info.TopCategoryKey) < 0)
            {
                categories[categoryCount++] = info.TopCategoryKey;
            }
        }
        foreach (var category in categories[..categoryCount])
        {
            if (category <= FeatureKeys.MaxCategoryId) profile.Count(day, FeatureKeys.Order(category), 1);
        }
        if (premium)
        {
            profile.PremiumOrders++;
            profile.Count(day, FeatureKeys.PremiumOrders, 1);
        }
        if (discounted)
        {
            profile.DiscountedOrders++;
            profile.Count(day, FeatureKeys.DiscountedOrders, 1);
        }
        if (impulse) profile.Count(day, FeatureKeys.ImpulseOrders, 1);
        _impulse.Ordered(profile.Id, products[..productCount], e.TsMs, impulse);
    }

    private void ApplyAttributes(Profile profile, EventProps props)
    {
        if (props.Gender is { } gender)
        {
            profile.Gender = gender switch { "female" => Gender.Female, "male" => Gender.Male, _ => Gender.Unknown };
        }
        if (props.BirthYear is { } year) profile.BirthYear = (short)year;
        if (props.Province is { } province) profile.Province = World.Keys.Intern("province:" + province);
        if (props.City is { } city) profile.City = World.Keys.Intern("city:" + city);
        if (props.RegisteredAtMs is { } registered) profile.RegisteredMinute = EventTime.ToMinute(registered);
    }

    private static void ApplyConsent(Profile profile, ConsentPurposes? purposes)
    {
        if (purposes is not { } p) return;
        profile.Consent = Set(Set(Set(profile.Consent, Consent.Analytics, p.Analytics), Consent.Personalization, p.Personalization),
            Consent.Marketing, p.Marketing);

        static Consent Set(Consent consent, Consent flag, bool? value) =>
            value switch { true => consent | flag, false => consent & ~flag, null => consent };
    }

    private static uint Cents(double? amount) =>
        amount is > 0 ? (uint)Math.Min(uint.MaxValue, Math.Round(amount.Value * 100)) : 0u;
}
