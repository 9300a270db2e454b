using LiveProfile.Simulation.Catalog;
using LiveProfile.Simulation.People;

namespace LiveProfile.Simulation.Generation;

/// <summary>
/// Shop behaviour outside the live room: browsing product pages (review-focused people read the
/// reviews section), searches, carts, orders shaped by spending traits, reviews, and the
/// repurchase cycle of repeat buyers.
/// </summary>
internal sealed class ShopSimulator(DayGenerator days, ProductCatalog catalog)
{
    private static readonly string[] Sections = ["details", "details", "details", "specs", "qa"];

    public void Visit(Random random, SimPerson p, int day, long dayStart, List<SimEvent> output)
    {
        var hour = p.Has(Traits.NightOwl) && random.Chance(0.85) ? (22 + random.Next(5)) % 24 : 8 + random.Next(15);
        var at = dayStart + hour * 3_600_000L + random.Next(3_600_000);
        var views = 1 + random.Poisson(2);
        SimProduct? last = null;
        for (var i = 0; i < views; i++)
        {
            var product = PickProduct(random, p, p.DrawCategory(random, day));
            var view = days.New(SimEventType.View, at, p, product: product);
            view.DurationMs = 5_000 + random.Next(115_000);
            view.Code = random.Chance(p.Has(Traits.ReviewFocused) ? 0.5 : 0.03) ? "reviews" : random.Pick(Sections);
            output.Add(view);
            last = product;
            at += 30_000 + random.Next(90_000);
        }
        if (random.Chance(0.3))
        {
            var search = days.New(SimEventType.Search, at - 200_000, p);
            search.Text = last!.Noun;
            output.Add(search);
        }
        if (random.Chance(0.15))
        {
            var cart = days.New(SimEventType.CartAdd, at, p, product: last);
            cart.Count = 1;
            output.Add(cart);
            at += 20_000;
        }
        var buy = 0.05 + (p.Has(Traits.HighValue) ? 0.25 : 0) + (p.Has(Traits.BigTicket) ? 0.2 : 0) + (p.Has(Traits.QualitySeeker) ? 0.12 : 0);
        if (random.Chance(buy)) Order(random, p, last!, at + 60_000, output);
    }

    public void RepeatPurchase(Random random, SimPerson p, int day, long dayStart, double lively, List<SimEvent> output)
    {
        if (p.RepeatCategory < 0 || lively < 0.5) return;
        if (p.NextRepeatMs == long.MaxValue) p.NextRepeatMs = dayStart + random.Next(10) * 86_400_000L + random.Next(86_400_000);
        if (p.NextRepeatMs >= dayStart + 86_400_000L) return;
        var products = catalog.CheapIn(p.RepeatCategory);
        Order(random, p, products[random.Next(products.Count)], Math.Max(dayStart, p.NextRepeatMs), output);
        p.NextRepeatMs = dayStart + (8 + random.Next(13)) * 86_400_000L + random.Next(86_400_000);
    }

    private SimProduct PickProduct(Random random, SimPerson p, int category)
    {
        if (p.Has(Traits.BigTicket) && category is 1 or 2)
        {
            var dear = catalog.PremiumIn(category).Where(x => x.Price >= 1200).ToArray();
            if (dear.Length > 0 && random.Chance(0.8)) return dear[random.Next(dear.Length)];
        }
        if (p.Has(Traits.GuochaoFan) && random.Chance(0.8) && catalog.GuochaoIn(category) is { Count: > 0 } guochao) return random.Pick(guochao);
        if ((p.Has(Traits.QualitySeeker) || p.Has(Traits.HighValue)) && random.Chance(0.85)) return random.Pick(catalog.PremiumIn(category));
        if (p.Has(Traits.PriceSensitive) && random.Chance(0.8)) return random.Pick(catalog.CheapIn(category));
        return random.Pick(catalog.InCategory(category));
    }

    private void Order(Random random, SimPerson p, SimProduct product, long at, List<SimEvent> output)
    {
        if (p.Account is null) return;
        var qty = product.Category is 3 or 5 ? 1 + random.Next(3) : 1;
        var coupon = p.Has(Traits.PriceSensitive) && random.Chance(0.7) ? "shop-coupon-" + (product.Price >= 200 ? "20" : "5") : null;
        var discount = coupon is null ? 0 : Math.Min(product.Price * qty * 0.3, product.Price >= 200 ? 20 : 5);
        var order = days.New(SimEventType.Order, at, p);
        order.OrderId = $"o{order.Seq:x}";
        order.Items = [new OrderLine(product, qty, product.Price, discount)];
        order.Value = Math.Round(product.Price * qty - discount, 2);
        order.Code = coupon;
        output.Add(order);
        if (random.Chance(0.2))
        {
            var review = days.New(SimEventType.Review, at + (1 + random.Next(5)) * 86_400_000L, p, product: product);
            review.Rating = random.Chance(0.8) ? 4 + random.Next(2) : 1 + random.Next(3);
            review.Text = review.Rating >= 4 ? "很好用，会回购" : "一般般，有点失望";
            output.Add(review);
        }
    }
}
