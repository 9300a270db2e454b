using CsCheck;
using LiveProfile.Engine.Partitioning.Live;

namespace LiveProfile.Engine.Tests.Partitioning;

/// <summary>Visits measured from presence events: the same dwell in event order and in any order within the allowed lateness.</summary>
public sealed class LiveVisitsTests
{
    private const long Timeout = 90_000;
    private const long Lateness = 3_600_000;
    private const long T0 = 1_790_000_000_000;

    private readonly record struct Presence(ulong Profile, int Session, long TsMs, PresenceKind Kind);

    /// <summary>
    /// Visits of a few viewers to a few sessions: an optional join, signs of presence 10–80 s apart, an optional
    /// leave; the next visit starts more than the heartbeat timeout later or, with <paramref name="quickRejoins"/>, any
    /// time after a leave. Returns the events and each (viewer, session)'s dwell, the sum of its visits' lengths.
    /// </summary>
    private static (List<Presence> Events, Dictionary<(ulong, int), long> Dwell) Visits(int seed, bool quickRejoins)
    {
        var rng = new Random(seed);
        var events = new List<Presence>();
        var dwell = new Dictionary<(ulong, int), long>();
        for (var viewer = 1UL; viewer <= 3; viewer++)
        {
            for (var session = 1; session <= 2; session++)
            {
                var ts = T0 + rng.Next(600) * 1000L;
                var total = 0L;
                for (var visit = rng.Next(1, 4); visit > 0; visit--)
                {
                    var first = ts;
                    if (rng.Next(5) > 0) events.Add(new(viewer, session, ts, PresenceKind.Join));
                    else events.Add(new(viewer, session, ts, PresenceKind.Seen));
                    for (var signs = rng.Next(0, 30); signs > 0; signs--)
                    {
                        ts += rng.Next(10, 81) * 1000L;
                        events.Add(new(viewer, session, ts, PresenceKind.Seen));
                    }
                    var left = rng.Next(3) > 0;
                    if (left)
                    {
                        ts += rng.Next(1, 60) * 1000L;
                        events.Add(new(viewer, session, ts, PresenceKind.Leave));
                    }
                    total += (ts - first) / 1000;
                    ts += left && quickRejoins ? rng.Next(1, 600) * 1000L : Timeout + rng.Next(1, 3600) * 1000L;
                }
                dwell[(viewer, session)] = total;
            }
        }
        return (events, dwell);
    }

    /// <summary>Feeds events in the given order, event time following the newest event seen; sweeps to the end.</summary>
    private static Dictionary<(ulong, int), long> Measure(IEnumerable<Presence> arrivals)
    {
        var visits = new LiveVisits(Timeout, Lateness);
        var counted = new Dictionary<(ulong, int), long>();
        LiveVisits.DwellCounter count = (profile, _, session, _, seconds) =>
        {
            Assert.True(seconds > 0);
            counted[(profile, session)] = counted.GetValueOrDefault((profile, session)) + seconds;
        };
        var watermark = long.MinValue;
        foreach (var e in arrivals)
        {
            visits.Record(e.Profile, e.Session, e.TsMs, e.Kind, watermark, count);
            watermark = Math.Max(watermark, e.TsMs);
            visits.Sweep(watermark, count);
        }
        visits.Sweep(watermark + Timeout + Lateness + 1, count);
        Assert.Equal(0, visits.Count);
        return counted;
    }

    private static void AssertDwell(Dictionary<(ulong, int), long> expected, Dictionary<(ulong, int), long> counted)
    {
        foreach (var (key, seconds) in expected) Assert.Equal(seconds, counted.GetValueOrDefault(key));
        Assert.Equal(expected.Where(d => d.Value > 0).Select(d => d.Key).Order(), counted.Keys.Order());
    }

    [Fact]
    public void Dwell_InEventOrder_IsTheSumOfVisitLengths()
    {
        Gen.Int.Sample(seed =>
        {
            var (events, dwell) = Visits(seed, quickRejoins: true);
            AssertDwell(dwell, Measure(events.OrderBy(e => e.TsMs)));
        }, iter: 300);
    }

    /// <remarks>
    /// Without quick rejoins: a leave and the next join less than the heartbeat timeout apart, both arriving after the
    /// signs around them, leave one visit where there were two (see <see cref="LiveVisits"/>).
    /// </remarks>
    [Fact]
    public void Dwell_EventsDelayedWithinTheAllowedLateness_SameAsInEventOrder()
    {
        Gen.Int.Select(Gen.Int).Sample((seed, delays) =>
        {
            var (events, dwell) = Visits(seed, quickRejoins: false);
            // Each event arrives up to half the allowed lateness after it happened: by then event time has moved on by
            // less than the allowed lateness, in any interleaving with the others.
            var rng = new Random(delays);
            var arrivals = events.Select(e => (e, at: e.TsMs + (rng.Next(3) == 0 ? rng.NextInt64(Lateness / 2) : 0))).OrderBy(x => x.at).Select(x => x.e);
            AssertDwell(dwell, Measure(arrivals));
        }, iter: 300);
    }

    [Fact]
    public void Dwell_VisitWithHeartbeatsArrivingAfterItTimedOut_CountedOnceInFull()
    {
        var visits = new LiveVisits(Timeout, Lateness);
        var counted = new List<int>();
        LiveVisits.DwellCounter count = (_, _, _, _, seconds) => counted.Add(seconds);
        visits.Record(1, 1, T0, PresenceKind.Join, T0, count);
        visits.Record(1, 1, T0 + 60_000, PresenceKind.Seen, T0, count);
        visits.Sweep(T0 + 600_000, count); // another producer is ten minutes ahead: the visit closes at 60 s
        Assert.Equal([60], counted);
        visits.Record(1, 1, T0 + 180_000, PresenceKind.Seen, T0 + 600_000, count); // not continuing: 120 s after the last sign
        visits.Record(1, 1, T0 + 120_000, PresenceKind.Seen, T0 + 600_000, count); // bridges both: one visit of 180 s
        Assert.Equal(180, counted.Sum());
        visits.Record(1, 1, T0 + 240_000, PresenceKind.Leave, T0 + 600_000, count);
        Assert.Equal(240, counted.Sum());
    }

    [Fact]
    public void Dwell_EventLaterThanTheAllowedLateness_StartsAVisitOfItsOwn()
    {
        var visits = new LiveVisits(Timeout, Lateness);
        var counted = new List<int>();
        LiveVisits.DwellCounter count = (_, _, _, _, seconds) => counted.Add(seconds);
        visits.Record(1, 1, T0, PresenceKind.Join, T0, count);
        visits.Record(1, 1, T0 + 60_000, PresenceKind.Leave, T0, count);
        visits.Sweep(T0 + Timeout + Lateness + 60_001, count);
        Assert.Equal(0, visits.Count);
        visits.Record(1, 1, T0 + 30_000, PresenceKind.Seen, T0 + Timeout + Lateness + 60_001, count);
        Assert.Equal([60], counted); // a single sign has no length
    }

    [Fact]
    public void Visits_PerSession_AreBounded()
    {
        var visits = new LiveVisits(Timeout, Lateness);
        var counted = 0L;
        LiveVisits.DwellCounter count = (_, _, _, _, seconds) => counted += seconds;
        for (var i = 0; i < 3 * LiveVisits.MaxPerSession; i++)
        {
            visits.Record(1, 1, T0 + i * 1_000_000L, PresenceKind.Join, long.MinValue, count);
            visits.Record(1, 1, T0 + i * 1_000_000L + 10_000, PresenceKind.Leave, long.MinValue, count);
        }
        Assert.Equal(3 * LiveVisits.MaxPerSession * 10, counted); // every visit counted once, none lost to the bound
        Assert.True(visits.Of(1).Count <= LiveVisits.MaxPerSession);
    }

    [Fact]
    public void SaveLoad_KeepsVisitsAndWhatWasCounted()
    {
        var visits = new LiveVisits(Timeout, Lateness);
        var counted = 0L;
        LiveVisits.DwellCounter count = (_, _, _, _, seconds) => counted += seconds;
        visits.Record(7, 3, T0, PresenceKind.Join, T0, count);
        visits.Record(7, 3, T0 + 50_000, PresenceKind.Seen, T0, count);
        visits.Sweep(T0 + 500_000, count);
        using var buffer = new MemoryStream();
        using (var w = new BinaryWriter(buffer, System.Text.Encoding.UTF8, leaveOpen: true)) visits.Save(w);
        buffer.Position = 0;
        var restored = new LiveVisits(Timeout, Lateness);
        restored.Load(new BinaryReader(buffer));
        Assert.Equal(visits.Of(7), restored.Of(7));
        restored.Record(7, 3, T0 + 100_000, PresenceKind.Leave, T0 + 500_000, count);
        Assert.Equal(100, counted);
    }
}
