using LiveProfile.Engine.Features;
using LiveProfile.Engine.Time;

namespace LiveProfile.Engine.Partitioning;

/// <summary>
/// What population models read and write: the repeat buying of every buyer at a cutoff day (customer-value models are
/// fitted over it), and scores written back for many profiles at once.
/// </summary>
public sealed partial class PartitionEngine
{
    /// <summary>The local day of this partition's event-time clock (null before its first event).</summary>
    public int? Today => WatermarkMs == long.MinValue ? null : EventTime.LocalDay(WatermarkMs, Options.LocalUtcOffsetMinutes);

    /// <summary>Every profile that had bought by the end of <paramref name="cutoffDay"/>, with its repeat buying then.</summary>
    public List<(ulong Profile, RepeatBuying Buying)> RepeatBuyers(int cutoffDay)
    {
        var buyers = new List<(ulong, RepeatBuying)>();
        foreach (var profile in _profiles.Values)
        {
            if (profile.RepeatBuyingAt(cutoffDay) is { } buying) buyers.Add((profile.Id, buying));
        }
        return buyers;
    }

    /// <summary>Sets <paramref name="model"/>'s score of each profile held here (and re-evaluates the tags reading it); returns how many were.</summary>
    public int SetModelScores(string model, ReadOnlySpan<ulong> profiles, ReadOnlySpan<float> scores)
    {
        if (profiles.Length != scores.Length) throw new ArgumentException("one score per profile", nameof(scores));
        var set = 0;
        for (var i = 0; i < profiles.Length; i++) if (SetModelScore(profiles[i], model, scores[i])) set++;
        return set;
    }
}
