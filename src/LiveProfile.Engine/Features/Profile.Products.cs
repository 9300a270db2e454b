namespace LiveProfile.Engine.Features;

/// <summary>
/// Products recently viewed, clicked or bought: "distinct products of a category in a window" reads the views, the
/// item-to-item model pairs both views and purchases.
/// </summary>
public sealed partial class Profile
{
    /// <summary>Products kept per profile: the most recent, enough for the default thresholds (2–3 distinct).</summary>
    public const int MaxViewedProducts = 32;

    private ViewedProduct[]? _viewed;
    private int _viewedCount;

    public ReadOnlySpan<ViewedProduct> ViewedProducts => _viewed.AsSpan(0, _viewedCount);

    internal void RecordView(int product, int category, int day) => RecordProduct(product, category, day, ProductSignals.Viewed);

    internal void RecordBought(int product, int category, int day) => RecordProduct(product, category, day, ProductSignals.Bought);

    internal void RecordProduct(int product, int category, int day, ProductSignals signals)
    {
        for (var i = 0; i < _viewedCount; i++)
        {
            ref var v = ref _viewed![i];
            if (v.Product != product) continue;
            if (day > v.Day) v.Day = day;
            v.Signals |= signals;
            return;
        }
        if (_viewed is null || _viewedCount == _viewed.Length)
        {
            if (_viewedCount == MaxViewedProducts)
            {
                // Forget the product seen longest ago.
                var oldest = 0;
                for (var i = 1; i < _viewedCount; i++) if (_viewed![i].Day < _viewed[oldest].Day) oldest = i;
                _viewed![oldest] = new ViewedProduct(product, category, day, signals);
                return;
            }
            Array.Resize(ref _viewed, Math.Min(MaxViewedProducts, Math.Max(4, _viewedCount * 2)));
        }
        _viewed[_viewedCount++] = new ViewedProduct(product, category, day, signals);
    }

    /// <summary>Distinct products of <paramref name="category"/> last seen within the window ending <paramref name="today"/>.</summary>
    public int DistinctViewed(int category, int today, int days)
    {
        var first = today - days + 1;
        var n = 0;
        foreach (var v in ViewedProducts)
        {
            if (v.Category == category && v.Day >= first && v.Day <= today && v.Signals.HasFlag(ProductSignals.Viewed)) n++;
        }
        return n;
    }

    private void MergeViewed(Profile other)
    {
        foreach (var v in other.ViewedProducts) RecordProduct(v.Product, v.Category, v.Day, v.Signals);
    }
}

/// <summary>A product (interned key) of a top-level category (category id) last viewed or bought on a local day.</summary>
public record struct ViewedProduct(int Product, int Category, int Day, ProductSignals Signals = ProductSignals.Viewed);

/// <summary>What a profile did with a product it keeps.</summary>
[Flags]
public enum ProductSignals : byte
{
    None = 0,
    /// <summary>Viewed its detail page or clicked it in a room.</summary>
    Viewed = 1,
    Bought = 2,
}
