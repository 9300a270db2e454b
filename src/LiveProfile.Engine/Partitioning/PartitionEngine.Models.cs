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

    /// <summary>
    /// The churn classifier's examples at the end of local <paramref name="day"/>: every profile active in the lookback
    /// before it, its features then (<see cref="ChurnFeatures.Names"/>, row after row) and, with
    /// <paramref name="labelled"/>, whether it churned (no activity in the <see cref="ChurnFeatures.HorizonDays"/> after).
    /// </summary>
    public ChurnExamples ChurnExamplesAt(int day, bool labelled)
    {
        var ids = new List<ulong>();
        var features = new List<float>();
        var churned = new List<bool>();
        Span<float> row = stackalloc float[ChurnFeatures.Count];
        foreach (var profile in _profiles.Values)
        {
            if (!ChurnFeatures.TryAt(profile, day, Options.LocalUtcOffsetMinutes, row)) continue;
            ids.Add(profile.Id);
            foreach (var f in row) features.Add(f);
            if (labelled) churned.Add(!ChurnFeatures.ActiveAfter(profile, day));
        }
        return new ChurnExamples([.. ids], [.. features], labelled ? [.. churned] : null);
    }

    /// <summary>A profile's repurchase cycles by top-level category name, at today; null when it is not here.</summary>
    public List<(string Category, RepurchaseCycle Cycle)>? RepurchaseCyclesOf(ulong profileId)
    {
        if (!_profiles.TryGetValue(profileId, out var profile) || Today is not { } today) return null;
        return [.. RepurchaseCycles.Of(profile, today).Select(c => (World.Categories.Name(c.Category), c))];
    }

    /// <summary>A profile's model scores by model name; null when it is not here.</summary>
    public Dictionary<string, float>? ModelScoresOf(ulong profileId)
    {
        if (!_profiles.TryGetValue(profileId, out var profile)) return null;
        var scores = new Dictionary<string, float>(StringComparer.Ordinal);
        foreach (var m in profile.ModelScores) scores[World.Keys.Name(m.Model)["model:".Length..]] = m.Score;
        return scores;
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

/// <summary>Churn examples of one partition: profiles, their features row after row, and the labels when asked for.</summary>
public sealed record ChurnExamples(ulong[] Profiles, float[] Features, bool[]? Churned);
