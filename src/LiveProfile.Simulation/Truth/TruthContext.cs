namespace LiveProfile.Simulation.Truth;

/// <summary>What a person's rules read beyond their own facts: the evaluation time, rooms' sessions, the spend distribution.</summary>
internal sealed class TruthContext(long nowMs, Dictionary<int, List<(long StartMs, string Session)>> roomSessions, double[] sortedSpend180)
{
    public long NowMs => nowMs;

    /// <summary>Over rooms the person follows, the most of a room's last n sessions (started by now) attended.</summary>
    public int FollowedLastSessions(PersonLedger l, int n)
    {
        if (l.Follows is null) return 0;
        var best = 0;
        foreach (var room in l.Follows)
        {
            if (!roomSessions.TryGetValue(room, out var sessions)) continue;
            var attended = 0;
            foreach (var (_, session) in sessions.Where(s => s.StartMs <= nowMs).OrderByDescending(s => s.StartMs).Take(n))
            {
                if (l.Sessions.ContainsKey(session)) attended++;
            }
            best = Math.Max(best, attended);
        }
        return best;
    }

    /// <summary>Share (0–1) of people with orders in 180 days whose spend is below this; NaN without orders.</summary>
    public double SpendRank(double spend)
    {
        if (spend <= 0 || sortedSpend180.Length == 0) return double.NaN;
        var lo = 0;
        var hi = sortedSpend180.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (sortedSpend180[mid] < spend) lo = mid + 1;
            else hi = mid;
        }
        return lo / (double)sortedSpend180.Length;
    }
}
