namespace LiveProfile.Matching;

/// <summary>
/// Matches records (live viewers, unlinked identities) against shop accounts: candidates from the blocks the record
/// shares with accounts (never a comparison with everyone), each scored by the fitted <see cref="MatchModel"/>. An exact
/// nickname is worth what its rarity says: its u is its share among accounts and fitted records (pinyin: among
/// accounts), so a shared 小美 counts for little and a rare nickname for much. Single writer (adding accounts,
/// fitting); reads may run concurrently with each other.
/// </summary>
public sealed partial class Matcher
{
    private readonly List<PreparedRecord> _accounts = [];
    private readonly Dictionary<string, int> _accountIndex = new(StringComparer.Ordinal);
    private readonly BlockingIndex _index;
    private readonly Dictionary<string, int> _coreCounts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _pinyinCounts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _recordCores = new(StringComparer.Ordinal); // nicknames of the records fitted to
    private int _recordCount;
    private double _uniqueNameCount = 1; // Good–Turing: the expected count of a name seen once among the accounts
    private readonly Text.Pinyin? _pinyin;

    public Matcher(IEnumerable<PersonRecord> accounts, Text.Pinyin? pinyin, MatchOptions? options = null)
    {
        Options = options ?? new MatchOptions();
        Options.Validate();
        _pinyin = pinyin;
        foreach (var account in accounts) Remember(new PreparedRecord(account, pinyin));
        _index = new BlockingIndex(_accounts);
    }

    public MatchOptions Options { get; }

    /// <summary>The fitted model; null until <see cref="Fit"/>.</summary>
    public MatchModel? Model { get; private set; }

    public int AccountCount => _accounts.Count;

    public void AddAccount(PersonRecord account)
    {
        var prepared = new PreparedRecord(account, _pinyin);
        Remember(prepared);
        _index.Add(prepared, _accounts.Count - 1);
    }

    /// <summary>
    /// Adds an account, or replaces the one with the same id (new evidence: a touch, a new name). Its new blocks are
    /// indexed; the blocks it left keep pointing at it until the matcher is built again, which costs a comparison at
    /// most: the comparison reads the account as it is now.
    /// </summary>
    public void Upsert(PersonRecord account)
    {
        if (!_accountIndex.TryGetValue(account.Id, out var index))
        {
            AddAccount(account);
            return;
        }
        var prepared = new PreparedRecord(account, _pinyin);
        Count(_accounts[index], -1);
        _accounts[index] = prepared;
        Count(prepared, +1);
        _index.Add(prepared, index);
    }

    /// <summary>
    /// Fits the model to <paramref name="records"/> against the accounts: u from <paramref name="randomPairs"/> random
    /// (record, account) pairs (phone and device from the accounts' collisions), m by EM per blocking rule
    /// (<see cref="MatchModelTrainer.FitByRule"/>), then the prior of two random records.
    /// </summary>
    public MatchModel Fit(IReadOnlyList<PersonRecord> records, int randomPairs = 1_000_000, int seed = 1)
    {
        if (records.Count == 0 || _accounts.Count == 0) throw new InvalidOperationException("fitting needs records and accounts");
        var prepared = records.Select(r => new PreparedRecord(r, _pinyin)).ToList();
        var random = new Random(seed);
        var u = MatchModelTrainer.EstimateU(Enumerable.Range(0, randomPairs).Select(_ =>
            Levels(prepared[random.Next(prepared.Count)], _accounts[random.Next(_accounts.Count)])));
        var all = new List<byte[]>();
        var byRule = Enum.GetValues<BlockingRule>().ToDictionary(r => r, _ => new List<byte[]>());
        var candidates = new Dictionary<int, BlockingRule>();
        var keys = new List<(ulong Key, BlockingRule Rule)>();
        foreach (var record in prepared)
        {
            Block(record, keys, candidates);
            foreach (var (account, rules) in candidates)
            {
                var levels = Levels(record, _accounts[account]);
                all.Add(levels);
                foreach (var (rule, pairs) in byRule)
                {
                    if (!rules.HasFlag(rule)) continue;
                    var hidden = (byte[])levels.Clone();
                    var fields = BlockingKeys.FieldsOf(rule);
                    for (var f = 0; f < hidden.Length; f++) if ((fields >> f & 1) != 0) hidden[f] = MatchLevels.Missing;
                    pairs.Add(hidden);
                }
            }
        }
        var fitted = MatchModelTrainer.FitByRule([.. byRule.Values], all, u, MatchModelTrainer.AnchoredM(all));
        // The nickname frequencies describe the records of this fit: a refit replaces them, never adds to them.
        _recordCores.Clear();
        foreach (var record in prepared) if (record.NicknameCore is { } core) _recordCores[core] = _recordCores.GetValueOrDefault(core) + 1;
        _recordCount = prepared.Count;
        _uniqueNameCount = UniqueNameCount(_coreCounts.Values);

        // u as counted from random pairs includes the few matches among them, and cannot resolve how rarely two people
        // share a phone or a device: those two come from how often accounts share one (every pair of accounts, counted).
        var pairsOfRecords = (double)prepared.Count * _accounts.Count;
        var cleaned = MatchModelTrainer.WithoutMatches(u, fitted, 1.0 / _accounts.Count, 0.5 / randomPairs);
        cleaned[(int)MatchField.Phone] = Shared(_accounts.Select(a => a.Record.PhoneHash), pairsOfRecords);
        cleaned[(int)MatchField.Device] = Shared(_accounts.SelectMany(a => a.Devices ?? []), pairsOfRecords);
        Model = fitted.With(1.0 / _accounts.Count, cleaned);

        // The fit's prior is the share of matches among blocked pairs, whose weights already count the agreement that
        // got them blocked: a candidate's probability starts instead from the prior of two random records, the expected
        // number of matches over all pairs, where each record is at most one account (fixed point).
        // When the evidence is weak (names only) that fixed point falls to nothing; it is kept at least at the matches EM
        // found among the blocked pairs (at most one per record), spread over all pairs.
        var floor = Math.Clamp(Math.Min(fitted.Prior * all.Count, prepared.Count) / pairsOfRecords, 1e-15, 0.5);
        var weights = prepared.Select(record => Score(record).Select(c => c.Weight).ToArray()).ToList();
        var prior = 1.0 / _accounts.Count;
        for (var i = 0; i < 100; i++)
        {
            var expected = 0.0;
            foreach (var w in weights) expected += Posteriors(w, prior).Sum();
            var next = Math.Clamp(expected / pairsOfRecords, floor, 0.5);
            var change = Math.Abs(next - prior) / prior;
            prior = next;
            if (change < 1e-6) break;
        }
        return Model = fitted.With(prior, cleaned);
    }

    /// <summary>
    /// Good–Turing's expected count of a name seen once among the accounts: 2·n₂/n₁ (n₁ names held by one account, n₂
    /// by two), at most 1; 1 when the accounts give no estimate.
    /// </summary>
    internal static double UniqueNameCount(IEnumerable<int> countsByName)
    {
        long once = 0, twice = 0;
        foreach (var count in countsByName)
        {
            if (count == 1) once++;
            else if (count == 2) twice++;
        }
        return once == 0 || twice == 0 ? 1 : Math.Min(1, 2.0 * twice / once);
    }

    /// <summary>u of an identifier: how often two different accounts hold the same value, at least once in all pairs.</summary>
    private static double[] Shared(IEnumerable<string?> values, double pairs)
    {
        var counts = values.OfType<string>().GroupBy(v => v, StringComparer.Ordinal).Select(g => (double)g.Count()).ToList();
        var holders = counts.Sum();
        var same = holders < 2 ? 0 : counts.Sum(c => c * (c - 1)) / (holders * (holders - 1));
        same = Math.Max(same, 1 / pairs);
        return [same, 1 - same];
    }

    /// <summary>The best <paramref name="limit"/> accounts the record may be, most probable first.</summary>
    public IReadOnlyList<MatchCandidate> Candidates(PersonRecord record, int limit = 5)
    {
        var model = Model ?? throw new InvalidOperationException("fit the model first");
        var scored = Score(new PreparedRecord(record, _pinyin));
        scored.Sort((a, b) => b.Weight.CompareTo(a.Weight));
        var probabilities = Posteriors([.. scored.Select(c => c.Weight)], model.Prior);
        for (var i = 0; i < scored.Count; i++) scored[i] = scored[i] with { Probability = probabilities[i] };
        return scored.Count > limit ? scored.GetRange(0, limit) : scored;
    }

    /// <summary>
    /// At most one account is this person, or none is: each candidate's probability is its odds over one (none of them)
    /// plus every candidate's odds, so a strong rival lowers the best one's probability. In log2 space, shifted by the
    /// largest, so that no weight overflows.
    /// </summary>
    private static double[] Posteriors(double[] weights, double prior)
    {
        var logOdds = weights.Select(w => w + Math.Log2(prior / (1 - prior))).ToArray();
        var shift = Math.Max(0, logOdds.Length == 0 ? 0 : logOdds.Max());
        var total = Math.Pow(2, -shift) + logOdds.Sum(l => Math.Pow(2, l - shift));
        return [.. logOdds.Select(l => Math.Pow(2, l - shift) / total)];
    }

    /// <summary>Every account sharing a block with the record, weighed (probabilities not yet set).</summary>
    private List<MatchCandidate> Score(PreparedRecord record)
    {
        var model = Model!;
        var candidates = new Dictionary<int, BlockingRule>();
        Block(record, [], candidates);
        var scored = new List<MatchCandidate>(candidates.Count);
        Span<byte> levels = stackalloc byte[MatchLevels.Fields.Length];
        foreach (var index in candidates.Keys)
        {
            var account = _accounts[index];
            RecordComparison.Compare(record, account, levels);
            scored.Add(Score(model, account, levels));
        }
        return scored;
    }

    /// <summary>What to do with the best candidate (probabilities from <see cref="Candidates"/> already weigh the rivals).</summary>
    public MatchDecision Decide(IReadOnlyList<MatchCandidate> candidates) =>
        candidates.Count == 0 || candidates[0].Probability < Options.ReviewAt ? MatchDecision.None
        : candidates[0].Probability >= Options.AutoLinkAt ? MatchDecision.AutoLink
        : MatchDecision.Review;

    private MatchCandidate Score(MatchModel model, PreparedRecord account, ReadOnlySpan<byte> levels)
    {
        var fields = new FieldContribution[levels.Length];
        var total = 0.0;
        for (var f = 0; f < levels.Length; f++)
        {
            var field = (MatchField)f;
            var level = levels[f];
            double? u = field == MatchField.Nickname ? NicknameFrequency(account, level) : null;
            var weight = model.Weight(field, level, u);
            fields[f] = new FieldContribution(field, MatchLevels.Name(field, level), weight);
            total += weight;
        }
        return new MatchCandidate(account.Record.Id, 0, total, fields); // the probability weighs every candidate: set by the caller
    }

    /// <summary>
    /// For an exact nickname (or pinyin), how likely two different people share it: its share among the accounts and the
    /// records the model was fitted to (people without an account have names too), not counting the two compared. A
    /// name nobody else has is not "one in all": its expected count is Good–Turing's for a name seen once among the
    /// accounts (<see cref="_uniqueNameCount"/>), so it weighs as much as names this population's accounts rarely share.
    /// </summary>
    private double? NicknameFrequency(PreparedRecord account, byte level) => level switch
    {
        0 => _coreCounts.GetValueOrDefault(account.NicknameCore!) + _recordCores.GetValueOrDefault(account.NicknameCore!) - 2 is var others and > 0
            ? others / (double)(_accounts.Count + _recordCount)
            : _uniqueNameCount / _accounts.Count,
        1 => Math.Max(1, _pinyinCounts.GetValueOrDefault(account.NicknamePinyin!)) / (double)_accounts.Count,
        _ => null,
    };

    /// <summary>The accounts sharing a block with the record, each with the rules that found it.</summary>
    private void Block(PreparedRecord record, List<(ulong Key, BlockingRule Rule)> keys, Dictionary<int, BlockingRule> candidates)
    {
        candidates.Clear();
        BlockingKeys.Of(record, keys);
        foreach (var (key, rule) in keys) _index.Collect(key, rule, rule == BlockingRule.CoTouch ? Options.MaxTouchBlock : Options.MaxBlock, candidates);
    }

    private static byte[] Levels(PreparedRecord a, PreparedRecord b)
    {
        var levels = new byte[MatchLevels.Fields.Length];
        RecordComparison.Compare(a, b, levels);
        return levels;
    }

    private void Remember(PreparedRecord account)
    {
        _accountIndex[account.Record.Id] = _accounts.Count;
        _accounts.Add(account);
        Count(account, +1);
    }

    private void Count(PreparedRecord account, int change)
    {
        if (account.NicknameCore is { } core) _coreCounts[core] = _coreCounts.GetValueOrDefault(core) + change;
        if (account.NicknamePinyin is { } pinyin) _pinyinCounts[pinyin] = _pinyinCounts.GetValueOrDefault(pinyin) + change;
    }
}
