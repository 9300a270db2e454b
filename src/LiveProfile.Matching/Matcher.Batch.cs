namespace LiveProfile.Matching;

/// <summary>
/// Deciding a batch of records of one platform together, where an account is at most one of them (a person has one
/// viewer id per platform): an account that another record links to for sure (<see cref="MatchOptions.ClaimAt"/>) is no
/// rival any more, so the remaining candidates' probabilities are computed without it; and when two records would claim
/// one account, the likelier keeps it and the other is decided again without it. Rounds repeat until nothing changes;
/// then every record is decided (<see cref="MatchOptions.AutoLinkAt"/>, <see cref="MatchOptions.ReviewAt"/>) among the
/// accounts left to it.
/// </summary>
public sealed partial class Matcher
{
    /// <summary>Rounds of claiming accounts before the batch's decisions are final.</summary>
    public const int MaxRounds = 5;

    /// <summary>Every record's best <paramref name="limit"/> candidates and decision, deciding the batch together.</summary>
    public IReadOnlyList<(IReadOnlyList<MatchCandidate> Candidates, MatchDecision Decision)> DecideAll(IReadOnlyList<PersonRecord> records,
        int limit = 5)
    {
        var model = Model ?? throw new InvalidOperationException("fit the model first");
        var scored = new List<MatchCandidate>[records.Count];
        for (var i = 0; i < records.Count; i++)
        {
            scored[i] = Score(new PreparedRecord(records[i], _pinyin));
            scored[i].Sort((a, b) => b.Weight.CompareTo(a.Weight));
        }
        var claimAt = Math.Max(Options.ClaimAt, Options.AutoLinkAt);
        var owner = new Dictionary<string, (int Record, double Probability)>(StringComparer.Ordinal); // accounts linked for sure
        for (var round = 0; round < MaxRounds; round++)
        {
            var changed = false;
            for (var i = 0; i < records.Count; i++)
            {
                // An account another record holds less surely can be taken over; otherwise the best among the free ones.
                var contested = Remaining(scored[i], NoOwners, i, model.Prior, 1);
                var best = contested.Count > 0 && owner.TryGetValue(contested[0].AccountId, out var rival) && rival.Record != i
                    && rival.Probability < contested[0].Probability
                    ? contested
                    : Remaining(scored[i], owner, i, model.Prior, 1);
                if (best.Count == 0 || best[0].Probability < claimAt) continue;
                var account = best[0].AccountId;
                if (owner.TryGetValue(account, out var held) && held.Record == i) continue;
                // This record claims the account (from a less sure one, who decides again next round); one it held before is free again.
                foreach (var (other, (record, _)) in owner.Where(o => o.Value.Record == i).ToList()) owner.Remove(other);
                owner[account] = (i, best[0].Probability);
                changed = true;
            }
            if (!changed) break;
        }
        var decided = new (IReadOnlyList<MatchCandidate>, MatchDecision)[records.Count];
        for (var i = 0; i < records.Count; i++)
        {
            var candidates = Remaining(scored[i], owner, i, model.Prior, limit);
            decided[i] = (candidates, Decide(candidates));
        }
        return decided;
    }

    /// <summary>The record compared with one account, field by field (probability not set); null for an unknown account.</summary>
    public MatchCandidate? Weigh(PersonRecord record, string accountId)
    {
        var model = Model ?? throw new InvalidOperationException("fit the model first");
        if (!_accountIndex.TryGetValue(accountId, out var index)) return null;
        var account = _accounts[index];
        Span<byte> levels = stackalloc byte[MatchLevels.Fields.Length];
        RecordComparison.Compare(new PreparedRecord(record, _pinyin), account, levels);
        return Score(model, account, levels);
    }

    private static readonly Dictionary<string, (int Record, double Probability)> NoOwners = [];

    /// <summary>The record's candidates without the accounts other records linked to for sure, their probabilities among themselves.</summary>
    private static List<MatchCandidate> Remaining(List<MatchCandidate> sorted, Dictionary<string, (int Record, double Probability)> owner, int record,
        double prior, int limit)
    {
        var free = sorted.Where(c => !owner.TryGetValue(c.AccountId, out var held) || held.Record == record).ToList();
        var probabilities = Posteriors([.. free.Select(c => c.Weight)], prior);
        var result = new List<MatchCandidate>(Math.Min(limit, free.Count));
        for (var i = 0; i < free.Count && i < limit; i++) result.Add(free[i] with { Probability = probabilities[i] });
        return result;
    }
}
