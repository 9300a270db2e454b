using LiveProfile.Simulation.Catalog;
using LiveProfile.Simulation.Comments;
using LiveProfile.Simulation.People;
using LiveProfile.Simulation.Rooms;

namespace LiveProfile.Simulation.Generation;

/// <summary>
/// One person's visit to one broadcast, minute by minute: join (most arrive near the start),
/// heartbeats while present, likes, comments about the product on screen, clicks, gifts, shares,
/// a follow, coupon claims, orders after clicks (impulse buyers within minutes), and a leave
/// (missing now and then: the app was killed and the heartbeats stop).
/// </summary>
internal sealed class VisitSimulator(DayGenerator days, ProductCatalog catalog, SimulationOptions options)
{
    private static readonly string[] JoinSources = ["feed", "feed", "feed", "follow", "search", "share", "push"];
    private static readonly double[] GiftValues = [1, 1, 6.6, 9.9, 19.9, 52, 66, 99, 188, 520];

    public void Visit(Random random, SimPerson p, SessionPlan s, int day, List<SimEvent> output, bool featured = false)
    {
        var loyal = p.Has(Traits.LoyalFan) && s.Room.Index == p.Rooms[0];
        var join = s.StartMs + (long)(random.Exponential(loyal ? 6 : 25) * 60_000);
        if (join > s.EndMs - 120_000) return;
        var median = p.Has(Traits.SilentWatcher) ? 30 : loyal ? 15 : p.Has(Traits.Chatter) ? 15
            : p.Has(Traits.ApplianceResearcher) && s.Room.Categories.Contains(1) ? 20 : featured ? 12 : 4;
        var leave = Math.Min(s.EndMs, join + (long)(Math.Max(0.5, random.LogNormal(median, 0.6)) * 60_000));
        var joinEvent = days.New(SimEventType.Join, join, p, s);
        joinEvent.Code = random.Pick(JoinSources);
        output.Add(joinEvent);
        if (!p.Followed && s.Room.Index == p.Rooms[0] && (loyal || random.Chance(0.15)))
        {
            p.Followed = true;
            output.Add(days.New(SimEventType.Follow, join + 20_000 + random.Next(60_000), p, s));
        }

        var silent = p.Has(Traits.SilentWatcher);
        var couponClaimed = (string?)null;
        var couponValue = 0.0;
        var heartbeatMs = options.HeartbeatSeconds * 1000L;
        for (var t = join; t < leave; t += 60_000)
        {
            if (t > join && (t - join) % heartbeatMs < 60_000) output.Add(days.New(SimEventType.Heartbeat, t, p, s));
            var at = t + random.Next(55_000);
            if (at >= leave) break;
            var screen = ScreenAt(s, at);
            if (!silent && random.Chance(p.Has(Traits.Chatter) ? 0.3 : 0.1))
            {
                var like = days.New(SimEventType.Like, at, p, s, screen); // the product on screen: the truth counts the like for it
                like.Count = 1 + random.Next(10);
                output.Add(like);
            }
            if (!silent && random.Chance(p.Has(Traits.Chatter) ? 0.7 : 0.05)) output.Add(Comment(random, p, s, at + 1000, ScreenAt(s, at + 1000), day));
            if (screen is not null && random.Chance(silent ? 0.01 : 0.01 + 0.15 * p.InterestIn(screen.Category, day)))
            {
                output.Add(days.New(SimEventType.Click, at + 2000, p, s, screen));
                MaybeOrderAfterClick(random, p, s, at + 2000, screen, couponClaimed, couponValue, output);
            }
            if (!silent && random.Chance(p.Has(Traits.GiftGiver) ? 0.06 : 0.002))
            {
                var gift = days.New(SimEventType.Gift, at + 3000, p, s, ScreenAt(s, at + 3000));
                gift.Value = p.Has(Traits.GiftGiver) ? random.Pick(GiftValues) : 1;
                gift.Code = gift.Value >= 100 ? "rocket" : gift.Value >= 10 ? "bouquet" : "heart";
                output.Add(gift);
            }
            if (!silent && random.Chance(p.Has(Traits.Sharer) ? 0.05 : 0.002))
            {
                var share = days.New(SimEventType.Share, at + 4000, p, s);
                share.Code = random.Chance(0.5) ? "wechat" : "moments";
                output.Add(share);
            }
            foreach (var drop in s.Coupons)
            {
                if (couponClaimed is not null || drop.AtMs < t || drop.AtMs >= t + 60_000 || drop.AtMs >= leave) continue;
                if (!random.Chance(p.Has(Traits.PriceSensitive) || p.Has(Traits.PromotionHunter) ? 0.9 : 0.12)) continue;
                var claim = days.New(SimEventType.CouponClaim, drop.AtMs + 5000 + random.Next(20_000), p, s);
                claim.Code = couponClaimed = drop.CouponId;
                claim.Value = couponValue = drop.Value;
                output.Add(claim);
            }
        }
        if (random.Chance(0.9)) output.Add(days.New(SimEventType.Leave, leave, p, s));
    }

    /// <summary>The product on screen when something happens: the truth counts likes, gifts and comments for it.</summary>
    private SimProduct? ScreenAt(SessionPlan s, long tsMs) => s.OnScreen(tsMs) is var index and >= 0 ? catalog.Products[index] : null;

    private SimEvent Comment(Random random, SimPerson p, SessionPlan s, long at, SimProduct? screen, int day)
    {
        var intent = ChooseIntent(random, p, screen);
        var e = days.New(SimEventType.Comment, at, p, s, screen);
        e.Intent = intent;
        e.Text = CommentGenerator.Write(random, intent, screen);
        return e;
    }

    private static Intent ChooseIntent(Random random, SimPerson p, SimProduct? screen)
    {
        Span<double> w = stackalloc double[10];
        w[(int)Intent.Other] = 0.45;
        w[(int)Intent.Praise] = 0.12;
        w[(int)Intent.PurchaseIntent] = 0.1;
        w[(int)Intent.AskPrice] = 0.06;
        w[(int)Intent.AskSize] = 0.05;
        w[(int)Intent.AskEffect] = 0.06;
        w[(int)Intent.AskShipping] = 0.05;
        w[(int)Intent.Complaint] = 0.03;
        w[(int)Intent.AskReview] = 0.03;
        var edible = screen is { Category: 0 or 3 or 5 };
        w[(int)Intent.AskIngredient] = edible ? 0.03 : 0;
        if (screen is null) w[(int)Intent.Other] += 0.6;
        if (p.Has(Traits.IngredientFocused) && edible) w[(int)Intent.AskIngredient] += 0.6;
        if (p.Has(Traits.PriceSensitive)) w[(int)Intent.AskPrice] += 0.35;
        if (p.Has(Traits.ReviewFocused)) w[(int)Intent.AskReview] += 0.4;
        if (p.Has(Traits.ApplianceResearcher) && screen is { Category: 1 })
        {
            w[(int)Intent.AskEffect] += 0.3;
            w[(int)Intent.AskSize] += 0.3;
            w[(int)Intent.AskReview] += 0.2;
        }
        double total = 0;
        foreach (var x in w) total += x;
        var draw = random.NextDouble() * total;
        for (var i = 0; i < w.Length; i++)
        {
            draw -= w[i];
            if (draw <= 0) return (Intent)i;
        }
        return Intent.Other;
    }

    private void MaybeOrderAfterClick(Random random, SimPerson p, SessionPlan s, long clickMs, SimProduct product,
        string? coupon, double couponValue, List<SimEvent> output)
    {
        if (p.Account is null) return;
        long at;
        if (p.Has(Traits.Impulse) && random.Chance(0.45)) at = clickMs + 60_000 + random.Next(180_000);
        else if (random.Chance(0.02 + (p.Has(Traits.HighValue) ? 0.1 : 0))) at = clickMs + 6 * 60_000 + random.Next(34 * 60_000);
        else return;
        var qty = product.Category == 3 ? 1 + random.Next(3) : 1;
        var discount = coupon is not null ? Math.Min(couponValue, product.Price * qty * 0.5) : 0;
        var order = days.New(SimEventType.Order, at, p, s);
        order.OrderId = $"o{order.Seq:x}";
        order.Items = [new OrderLine(product, qty, product.Price, discount)];
        order.Value = Math.Round(product.Price * qty - discount, 2);
        order.Code = coupon;
        output.Add(order);
    }
}
