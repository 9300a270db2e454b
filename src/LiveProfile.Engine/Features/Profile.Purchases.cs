namespace LiveProfile.Engine.Features;

/// <summary>
/// The days a profile bought on and what it spent on each: what buy-till-you-die models (BG/NBD, Pareto/NBD,
/// Gamma-Gamma) read. Kept per local day because those models count repeat purchase days, and kept whole (not just
/// first, last and count) so that a calibration window may end before now and a late order lands on its own day.
/// </summary>
public sealed partial class Profile
{
    /// <summary>
    /// Purchase days held; beyond, the second-oldest day is folded away (first purchase and the newest days stay exact).
    /// 512 distinct days is more than a year of daily buying.
    /// </summary>
    public const int MaxPurchaseDays = 512;

    private PurchaseDay[]? _purchaseDays;
    private int _purchaseDayCount;

    /// <summary>Distinct purchase days folded away after the first (they count as repeat purchase days before the kept ones).</summary>
    public int FoldedPurchaseDays { get; private set; }

    /// <summary>What the folded days' purchases came to.</summary>
    public double FoldedPurchaseSpend { get; private set; }

    /// <summary>The days held, oldest first, each once.</summary>
    public ReadOnlySpan<PurchaseDay> PurchaseDays => _purchaseDays.AsSpan(0, _purchaseDayCount);

    /// <summary>An order of <paramref name="amount"/> on local <paramref name="day"/>.</summary>
    internal void RecordPurchase(int day, double amount)
    {
        var days = PurchaseDays;
        // Orders arrive mostly in time order: look from the newest day back.
        var i = days.Length - 1;
        while (i >= 0 && days[i].Day > day) i--;
        if (i >= 0 && days[i].Day == day)
        {
            _purchaseDays![i].Spend += amount;
            return;
        }
        if (_purchaseDays is null || _purchaseDayCount == _purchaseDays.Length)
        {
            if (_purchaseDayCount == MaxPurchaseDays)
            {
                FoldSecondOldest();
                if (i >= 1) i--; // an element before the insertion point went
            }
            else
            {
                Array.Resize(ref _purchaseDays, Math.Min(MaxPurchaseDays, Math.Max(2, _purchaseDayCount * 2)));
            }
        }
        var at = i + 1;
        Array.Copy(_purchaseDays!, at, _purchaseDays!, at + 1, _purchaseDayCount - at);
        _purchaseDays![at] = new PurchaseDay(day, amount);
        _purchaseDayCount++;
    }

    private void FoldSecondOldest()
    {
        var folded = _purchaseDays![1];
        FoldedPurchaseDays++;
        FoldedPurchaseSpend += folded.Spend;
        Array.Copy(_purchaseDays, 2, _purchaseDays, 1, _purchaseDayCount - 2);
        _purchaseDayCount--;
    }

    /// <summary>
    /// The profile's repeat buying as of the end of local day <paramref name="cutoffDay"/>, the clock starting at its first
    /// purchase (which is not counted); null when it had bought nothing by then.
    /// </summary>
    public RepeatBuying? RepeatBuyingAt(int cutoffDay)
    {
        var days = PurchaseDays;
        if (days.Length == 0 || days[0].Day > cutoffDay) return null;
        var (repeatDays, lastDay, repeatSpend) = (0, days[0].Day, 0.0);
        for (var i = 1; i < days.Length && days[i].Day <= cutoffDay; i++)
        {
            repeatDays++;
            lastDay = days[i].Day;
            repeatSpend += days[i].Spend;
        }
        if (repeatDays > 0)
        {
            // Folded days lie between the first and the oldest kept repeat day: they count once that day counts.
            repeatDays += FoldedPurchaseDays;
            repeatSpend += FoldedPurchaseSpend;
        }
        return new RepeatBuying(days[0].Day, repeatDays, lastDay - days[0].Day, cutoffDay - days[0].Day, repeatSpend, days[0].Spend);
    }

    internal void RestorePurchases(PurchaseDay[] days, int foldedDays, double foldedSpend)
    {
        _purchaseDays = days.Length == 0 ? null : days;
        _purchaseDayCount = days.Length;
        FoldedPurchaseDays = foldedDays;
        FoldedPurchaseSpend = foldedSpend;
    }

    private void MergePurchases(Profile other)
    {
        foreach (var d in other.PurchaseDays) RecordPurchase(d.Day, d.Spend);
        FoldedPurchaseDays += other.FoldedPurchaseDays;
        FoldedPurchaseSpend += other.FoldedPurchaseSpend;
    }
}

/// <summary>
/// A profile's buying as buy-till-you-die models read it, in days from its first purchase day: repeat purchase days
/// (<paramref name="RepeatDays"/>, x), the last one (<paramref name="RecencyDays"/>, t_x) and the cutoff
/// (<paramref name="AgeDays"/>, T); what the repeat days came to, and the first day's spend.
/// </summary>
public readonly record struct RepeatBuying(int FirstDay, int RepeatDays, int RecencyDays, int AgeDays, double RepeatSpend, double FirstSpend)
{
    /// <summary>The average spend of a repeat purchase day (zbar); 0 without one.</summary>
    public double MeanRepeatSpend => RepeatDays == 0 ? 0 : RepeatSpend / RepeatDays;
}

/// <summary>A local day with orders, and what they came to.</summary>
public record struct PurchaseDay(int Day, double Spend);
