namespace LiveProfile.Simulation.Truth;

/// <summary>
/// What one person truly did, reduced to the facts the default taxonomy's definitions read, for
/// windows that end on the run's last day (known in advance, so every fact lands in its window as
/// it happens). Written from the spec's definitions (docs/tag-language.md), independently of the
/// engine's feature code, so that the quality report compares two implementations.
/// </summary>
internal sealed class PersonLedger
{
    public const int Categories = 8;

    // 30-day window
    public int Comments30, Likes30, Gifts30, Shares30, Interactions30, ReviewViews30, Impulse30, ApplianceViews30, ApplianceQuestions30;
    public double GiftValue30, DwellSeconds30;
    public readonly int[] Interactions30ByCategory = new int[Categories];
    public readonly int[] Intents30 = new int[10];
    public HashSet<int>? ApplianceProducts30;
    public long HourEvents30, NightEvents30;
    public uint NightDays30; // bit per day of age 0–29

    // decayed interaction shares (half-life 14 days), by minute for share/label_share, by day as of a week ago for share_ago
    public readonly double[] Decayed = new double[Categories];
    public double DecayedTotal, DecayedGuochao;
    public readonly double[] DecayedWeekAgo = new double[Categories];
    public double DecayedWeekAgoTotal;

    // orders
    public int Orders, Discounted, Premium, Orders180;
    public double Spend, Spend180;
    public readonly int[] FirstOrderDay180 = Enumerable.Repeat(int.MaxValue, Categories).ToArray();
    public readonly int[] LastOrderDay180 = Enumerable.Repeat(int.MinValue, Categories).ToArray();

    // presence
    public readonly Dictionary<string, Attendance> Sessions = new(StringComparer.Ordinal);
    public HashSet<int>? Follows;
    public Dictionary<int, long>? LastLiveClick; // product → click time, for impulse orders

    // time and attributes
    public long FirstSeenMs = long.MaxValue, LastActivityMs = long.MinValue;
    public long? RegisteredMs;
    public string? Gender, Province;
    public int BirthYear;

    internal sealed class Attendance
    {
        public required int Room;
        public required int Day;            // the local day of the first sign of presence
        public long JoinMs = long.MaxValue, LastMs = long.MinValue, LeaveMs = long.MinValue;
        public bool ClaimedCoupon;
        public bool PresentsAppliance;

        /// <summary>The visit's length: join to leave, or to the last sign of presence when the leave never came.</summary>
        public double DwellSeconds
        {
            get
            {
                if (JoinMs == long.MaxValue) return 0;
                var end = LeaveMs != long.MinValue ? Math.Max(LeaveMs, JoinMs) : LastMs;
                return Math.Max(0, (end - JoinMs) / 1000);
            }
        }
    }
}
