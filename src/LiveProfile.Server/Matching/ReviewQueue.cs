using LiveProfile.Engine.Contract;
using LiveProfile.Matching;

namespace LiveProfile.Server.Matching;

/// <summary>A viewer the matcher was not sure of, and one account it may be: for a person to accept or reject.</summary>
/// <param name="Id">Stable for the pair: <c>viewer hash-account hash</c>.</param>
/// <param name="Rivals">Other accounts in the running for the same viewer (each is a candidate of its own).</param>
/// <param name="Why">Why it was not linked on its own: below the threshold, or sure but held back (the account has a viewer id, …).</param>
internal sealed record ReviewCandidate(string Id, Pseudonym Viewer, Pseudonym Account, double Probability, IReadOnlyList<FieldContribution> Fields,
    int Rivals, string Why, DateTimeOffset FoundAt)
{
    public static string IdOf(Pseudonym viewer, Pseudonym account) => $"{viewer.Hash:x16}-{account.Hash:x16}";
}

/// <summary>
/// One tenant's candidates waiting for review, most probable first. A pass after a fit replaces them all; a pass in
/// between replaces those of the viewers it decided again and drops those decided elsewhere since (a pair linked or
/// rejected is not found again); accepting or rejecting takes one out at once.
/// Bounded: beyond <see cref="MaxCandidates"/> the least probable are dropped (and found again by a later pass).
/// </summary>
internal sealed class ReviewQueue
{
    public const int MaxCandidates = 10_000;

    private readonly Lock _lock = new();
    private List<ReviewCandidate> _ordered = [];
    private Dictionary<string, ReviewCandidate> _byId = new(StringComparer.Ordinal);

    public int Count
    {
        get { lock (_lock) return _ordered.Count; }
    }

    public void Replace(IEnumerable<ReviewCandidate> found)
    {
        var ordered = found.OrderByDescending(c => c.Probability).ThenBy(c => c.Id, StringComparer.Ordinal).Take(MaxCandidates).ToList();
        var byId = ordered.ToDictionary(c => c.Id, StringComparer.Ordinal);
        lock (_lock) (_ordered, _byId) = (ordered, byId);
    }

    /// <summary>
    /// Replaces the candidates of <paramref name="decided"/> viewers with what was <paramref name="found"/> for them, and
    /// drops the others that are <paramref name="settled"/> (decided elsewhere since).
    /// </summary>
    public void Update(IReadOnlySet<Pseudonym> decided, IEnumerable<ReviewCandidate> found, Func<ReviewCandidate, bool> settled)
    {
        List<ReviewCandidate> kept;
        lock (_lock) kept = [.. _ordered.Where(c => !decided.Contains(c.Viewer))];
        kept.RemoveAll(c => settled(c));
        Replace(kept.Concat(found));
    }

    /// <summary>A page of candidates after position <paramref name="offset"/>, and how many there are.</summary>
    public (IReadOnlyList<ReviewCandidate> Page, int Total) Page(int offset, int limit)
    {
        lock (_lock) return ([.. _ordered.Skip(offset).Take(limit)], _ordered.Count);
    }

    public ReviewCandidate? Find(string id)
    {
        lock (_lock) return _byId.GetValueOrDefault(id);
    }

    /// <summary>Takes a decided candidate out, and the viewer's other candidates too when it was accepted (a viewer is one account).</summary>
    public void Remove(ReviewCandidate decided, bool accepted)
    {
        lock (_lock)
        {
            var gone = _ordered.Where(c => c.Id == decided.Id || (accepted && c.Viewer == decided.Viewer)).ToList();
            foreach (var c in gone) _byId.Remove(c.Id);
            _ordered = [.. _ordered.Except(gone)];
        }
    }
}
