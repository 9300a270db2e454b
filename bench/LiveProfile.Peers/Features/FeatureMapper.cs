using LiveProfile.Engine.Contract;
using LiveProfile.Engine.Features;
using LiveProfile.Engine.Partitioning;
using LiveProfile.Engine.Time;

namespace LiveProfile.Peers.Features;

/// <summary>
/// The engine's per-event feature updates (<c>PartitionEngine.Events.cs</c> and <c>.Visits.cs</c>),
/// line for line, written against <see cref="IFeatureSink"/> so that each peer makes the same
/// updates as the engine. Generic over the sink so a struct sink costs no interface calls.
/// Not mirrored (absent from the synthetic stream): declared attributes and consent, and
/// scheduled sessions (<c>catalog.session</c>). Visits whose heartbeat timed out are closed at the
/// user's next event instead of by the engine's event-time sweep, which favours the peers.
/// With a list for <see cref="RoomSignal"/>s, also the engine's room work (<c>.Rooms.cs</c>, <c>.Funnels.cs</c>): who
/// enters and leaves which room (a viewer whose presence timed out leaves at its next event, where the engine's sweep
/// makes it leave), and the product funnels' clicks, carts and orders.
/// </summary>
internal sealed class FeatureMapper(PeerWorld world, EngineOptions options)
{
    private readonly long _heartbeatTimeoutMs = (long)options.HeartbeatTimeout.TotalMilliseconds;
    private readonly long _impulseMs = (long)options.ImpulseWindow.TotalMilliseconds;

    public PeerWorld World => world;

    public void Apply<TSink>(TSink sink, UserState user, EventRecord e, List<RoomSignal>? rooms = null) where TSink : IFeatureSink
    {
        var ts = e.TsMs;
        var minute = EventTime.ToMinute(ts);
        var offset = options.LocalUtcOffsetMinutes;
        var day = EventTime.LocalDay(ts, offset);
        // Invitations are not activity (the engine keeps them for pre-live invitations, which the peers do not serve).
        if (e.Type is EventType.UserProfile or EventType.UserConsent or EventType.IdentityLink or EventType.MarketingInvite) return;

        if (rooms is not null && user.PresentSession >= 0 && ts - user.PresentAtMs > _heartbeatTimeoutMs) LeaveRoom(user, rooms);
        sink.Touch(minute);
        var amount = e.Type == EventType.LiveLike ? (uint)Math.Clamp(e.Props.Count ?? 1, 1, int.MaxValue) : 1u;
        sink.Count(day, FeatureKeys.EventType(e.Type), amount);
        sink.Count(day, FeatureKeys.Hour(EventTime.LocalHour(ts, offset)), 1);
        sink.CountActiveDay(day);

        if (e.Type.IsLive())
        {
            ApplyLive(sink, user, e, minute, day, rooms);
            return;
        }
        switch (e.Type)
        {
            case EventType.ShopView:
                View(sink, e.Product, minute, day);
                if (e.Props.Section == "reviews") sink.Count(day, FeatureKeys.ReviewViews, 1);
                break;
            case EventType.ShopCartAdd:
                if (Interact(sink, e.Product, minute, day) is { } carted) Purchase(user, e, carted.ProductKey, RoomSignalKind.Cart, rooms);
                break;
            case EventType.ShopOrder:
                ApplyOrder(sink, user, e, minute, day, rooms);
                break;
            case EventType.ShopRefund:
                sink.Refund(e.Props.Amount ?? 0);
                sink.Count(day, FeatureKeys.RefundCents, Cents(e.Props.Amount));
                break;
        }
    }

    private void ApplyLive<TSink>(TSink sink, UserState user, EventRecord e, int minute, int day, List<RoomSignal>? rooms) where TSink : IFeatureSink
    {
        var room = e.Room!;
        var roomKey = world.RoomKey(room);
        var session = world.SessionKey(room, e.Session, day);
        var returning = rooms is not null && user.Attend(roomKey, session);
        sink.Attend(session, roomKey, day);
        switch (e.Type)
        {
            case EventType.LiveJoin:
                BeginVisit(sink, user, session, e.TsMs);
                break;
            case EventType.LiveHeartbeat:
                ExtendVisit(sink, user, session, e.TsMs);
                break;
            case EventType.LiveLeave:
                if (user.TryGetVisit(session, out var join, out _)) CloseVisit(sink, user, session, join, Math.Max(e.TsMs, join));
                break;
            case EventType.LiveComment:
                sink.Flag(session, roomKey, day, AttendanceFlags.Commented);
                Comment(sink, e, minute, day, session, roomKey);
                break;
            case EventType.LiveLike:
                InteractWithScreen(sink, room, e.TsMs, minute, day, session, roomKey);
                break;
            case EventType.LiveGift:
                sink.Count(day, FeatureKeys.GiftCents, Cents(e.Props.Value));
                InteractWithScreen(sink, room, e.TsMs, minute, day, session, roomKey);
                break;
            case EventType.LiveFollow:
                sink.Follow(roomKey);
                break;
            case EventType.LiveCouponClaim:
                sink.Flag(session, roomKey, day, AttendanceFlags.ClaimedCoupon);
                break;
            case EventType.LiveProductClick:
                sink.Flag(session, roomKey, day, AttendanceFlags.Interacted);
                if (View(sink, e.Product, minute, day) is not { } clicked) break;
                user.RememberClick(clicked.ProductKey, e.TsMs, _impulseMs);
                rooms?.Add(new RoomSignal(RoomSignalKind.Click, roomKey, session, clicked.ProductKey, e.TsMs, 0, false));
                break;
        }
        if (e.Type is not (EventType.LiveLeave or EventType.LiveJoin or EventType.LiveHeartbeat)) ExtendVisit(sink, user, session, e.TsMs);
        if (rooms is not null) UpdatePresence(user, roomKey, session, e.TsMs, present: e.Type != EventType.LiveLeave, returning, rooms);
    }

    /// <summary>The engine's <c>UpdatePresence</c>: the viewer is where its latest sign is.</summary>
    private static void UpdatePresence(UserState user, int room, int session, long tsMs, bool present, bool returning, List<RoomSignal> rooms)
    {
        if (user.PresentSession == session)
        {
            if (!present) LeaveRoom(user, rooms);
            else user.PresentAtMs = Math.Max(user.PresentAtMs, tsMs);
            return;
        }
        if (!present || (user.PresentSession >= 0 && tsMs < user.PresentAtMs)) return;
        LeaveRoom(user, rooms);
        (user.PresentRoom, user.PresentSession, user.PresentAtMs, user.PresentSinceMs, user.PresentIsNew) = (room, session, tsMs, tsMs, !returning);
        rooms.Add(new RoomSignal(RoomSignalKind.Enter, room, session, 0, tsMs, tsMs, !returning));
    }

    private static void LeaveRoom(UserState user, List<RoomSignal> rooms)
    {
        if (user.PresentSession < 0) return;
        rooms.Add(new RoomSignal(RoomSignalKind.Leave, user.PresentRoom, user.PresentSession, 0, user.PresentAtMs, user.PresentSinceMs, user.PresentIsNew));
        user.PresentRoom = user.PresentSession = -1;
    }

    /// <summary>A cart or an order counts in the funnel of the room the viewer is in (the stream's shop events name none).</summary>
    private static void Purchase(UserState user, EventRecord e, int product, RoomSignalKind kind, List<RoomSignal>? rooms)
    {
        if (rooms is null || user.PresentSession < 0 || e.Room is not null) return;
        rooms.Add(new RoomSignal(kind, user.PresentRoom, user.PresentSession, product, e.TsMs, 0, false));
    }

    private void BeginVisit<TSink>(TSink sink, UserState user, int session, long tsMs) where TSink : IFeatureSink
    {
        if (user.TryGetVisit(session, out var join, out var last))
        {
            if (tsMs < last) return; // an older join arriving late: the open visit covers it
            CloseVisit(sink, user, session, join, last);
        }
        user.SetVisit(session, tsMs, tsMs);
    }

    private void ExtendVisit<TSink>(TSink sink, UserState user, int session, long tsMs) where TSink : IFeatureSink
    {
        if (!user.TryGetVisit(session, out var join, out var last))
        {
            user.SetVisit(session, tsMs, tsMs);
            return;
        }
        if (tsMs - last > _heartbeatTimeoutMs)
        {
            CloseVisit(sink, user, session, join, last);
            user.SetVisit(session, tsMs, tsMs);
        }
        else if (tsMs > last)
        {
            user.SetVisit(session, join, tsMs);
        }
    }

    private void CloseVisit<TSink>(TSink sink, UserState user, int session, long joinMs, long endMs) where TSink : IFeatureSink
    {
        user.RemoveVisit(session);
        var seconds = (int)Math.Min(int.MaxValue, Math.Max(0, (endMs - joinMs) / 1000));
        if (seconds > 0) sink.Dwell(session, EventTime.LocalDay(joinMs, options.LocalUtcOffsetMinutes), seconds);
    }

    private void InteractWithScreen<TSink>(TSink sink, string room, long tsMs, int minute, int day, int session, int roomKey) where TSink : IFeatureSink
    {
        if (world.World.OnScreen(room, tsMs) is not { } product) return;
        sink.Flag(session, roomKey, day, AttendanceFlags.Interacted);
        Interact(sink, product, minute, day);
    }

    private void Comment<TSink>(TSink sink, EventRecord e, int minute, int day, int session, int roomKey) where TSink : IFeatureSink
    {
        var text = e.Props.Text ?? "";
        var intent = e.Props.Intent ?? CommentIntent.Other; // the ingest path classifies; the stream carries the intent
        sink.Count(day, FeatureKeys.Intent(intent), 1);
        if (world.World.OnScreen(e.Room, e.TsMs) is not { } product) return;
        if (product.TopCategoryKey <= FeatureKeys.MaxCategoryId) sink.Count(day, FeatureKeys.Intent(product.TopCategoryKey, intent), 1);
        var mentions = intent != CommentIntent.Other
            || (product.Brand is { Length: > 0 } brand && text.Contains(brand, StringComparison.OrdinalIgnoreCase))
            || text.Contains(product.Title, StringComparison.OrdinalIgnoreCase);
        if (!mentions) return;
        sink.Flag(session, roomKey, day, AttendanceFlags.Interacted);
        Interact(sink, product, minute, day);
    }

    private ProductInfo? View<TSink>(TSink sink, string? product, int minute, int day) where TSink : IFeatureSink
    {
        if (Interact(sink, product, minute, day) is not { } info) return null;
        if (info.TopCategoryKey <= FeatureKeys.MaxCategoryId) sink.Count(day, FeatureKeys.View(info.TopCategoryKey), 1);
        sink.RecordView(info, day);
        return info;
    }

    private ProductInfo? Interact<TSink>(TSink sink, string? product, int minute, int day) where TSink : IFeatureSink
    {
        if (!world.World.TryGetProduct(product, out var info)) return null;
        Interact(sink, info, minute, day);
        return info;
    }

    private static void Interact<TSink>(TSink sink, ProductInfo info, int minute, int day) where TSink : IFeatureSink
    {
        sink.Interact(info, minute);
        sink.Count(day, FeatureKeys.Interactions, 1);
        if (info.TopCategoryKey <= FeatureKeys.MaxCategoryId) sink.Count(day, FeatureKeys.Interaction(info.TopCategoryKey), 1);
    }

    private void ApplyOrder<TSink>(TSink sink, UserState user, EventRecord e, int minute, int day, List<RoomSignal>? rooms) where TSink : IFeatureSink
    {
        var props = e.Props;
        var total = props.Total ?? 0;
        sink.Count(day, FeatureKeys.SpendCents, Cents(total));
        var discounted = props.CouponId is not null;
        var impulse = false;
        Span<int> categories = stackalloc int[8];
        var categoryCount = 0;
        var dearest = -1.0;
        var premium = false;
        foreach (var item in props.Items ?? [])
        {
            if (item.Discount > 0) discounted = true;
            if (!world.World.TryGetProduct(item.Product, out var info)) continue;
            var price = item.UnitPrice > 0 ? item.UnitPrice : info.Price;
            if (price > dearest)
            {
                dearest = price;
                premium = price > world.World.MedianPrice(info.TopCategoryKey);
            }
            Interact(sink, info, minute, day);
            sink.RecordBought(info, day);
            impulse |= user.WasClickedRecently(info.ProductKey, e.TsMs, _impulseMs);
            Purchase(user, e, info.ProductKey, RoomSignalKind.Order, rooms);
            if (categoryCount < categories.Length && categories[..categoryCount].IndexOf(info.TopCategoryKey) < 0)
            {
                categories[categoryCount++] = info.TopCategoryKey;
            }
        }
        foreach (var category in categories[..categoryCount])
        {
            if (category <= FeatureKeys.MaxCategoryId) sink.Count(day, FeatureKeys.Order(category), 1);
        }
        sink.Order(total, minute, day, premium, discounted);
        if (premium) sink.Count(day, FeatureKeys.PremiumOrders, 1);
        if (discounted) sink.Count(day, FeatureKeys.DiscountedOrders, 1);
        if (impulse) sink.Count(day, FeatureKeys.ImpulseOrders, 1);
    }

    private static uint Cents(double? amount) =>
        amount is > 0 ? (uint)Math.Min(uint.MaxValue, Math.Round(amount.Value * 100)) : 0u;
}
