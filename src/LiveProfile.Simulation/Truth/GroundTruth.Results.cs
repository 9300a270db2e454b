using LiveProfile.Simulation.People;

namespace LiveProfile.Simulation.Truth;

internal sealed partial class GroundTruth
{
    /// <summary>The tags every person who did anything should carry at <see cref="EndMs"/>.</summary>
    public IEnumerable<TruthRecord> Results(IReadOnlyList<SimPerson> people)
    {
        var spend = new List<double>();
        foreach (var l in _ledgers) if (l is { Spend180: > 0 }) spend.Add(l.Spend180);
        var sorted = spend.ToArray();
        Array.Sort(sorted);
        var context = new TruthContext(EndMs, _roomSessions, sorted);
        for (var i = 0; i < _ledgers.Length; i++)
        {
            if (_ledgers[i] is not { } ledger) continue;
            var person = people[i];
            var facts = new Dictionary<string, double>(StringComparer.Ordinal);
            var tags = DefaultTagRules.Evaluate(ledger, context, facts);
            yield return new TruthRecord(person.PrimaryId, person.Account, person.Viewer, person.Unlinked, Describe(person.Traits), tags, facts);
        }
    }

    private static string[] Describe(Traits traits)
    {
        var names = new List<string>();
        foreach (var t in Enum.GetValues<Traits>())
        {
            if (t != Traits.None && (traits & t) != 0) names.Add(JsonNaming.Snake(t.ToString()));
        }
        return [.. names];
    }
}
