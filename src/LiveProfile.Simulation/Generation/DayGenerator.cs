using LiveProfile.Simulation.Catalog;
using LiveProfile.Simulation.People;
using LiveProfile.Simulation.Rooms;

namespace LiveProfile.Simulation.Generation;

/// <summary>
/// Everything that happens on one local day: the day's broadcasts (schedule, line-up, product on
/// screen) and what each person does, live (<see cref="VisitSimulator"/>) and in the shop
/// (<see cref="ShopSimulator"/>). Returns the day's events in time order.
/// </summary>
internal sealed class DayGenerator
{
    private readonly SimulationOptions _options;
    private readonly ProductCatalog _catalog;
    private readonly SessionScheduler _scheduler;
    private readonly SimPerson[] _people;
    private readonly long _startMs;
    private long _seq;

    public DayGenerator(SimulationOptions options, ProductCatalog catalog, SessionScheduler scheduler, SimPerson[] people, long startMs)
    {
        _options = options;
        _catalog = catalog;
        _scheduler = scheduler;
        _people = people;
        _startMs = startMs;
    }

    /// <summary>The sessions of the day just generated (the ground truth reads them).</summary>
    public List<SessionPlan> Sessions { get; private set; } = [];

    public List<SimEvent> Generate(int day, bool first)
    {
        var random = new Random(Seeds.Derive(_options.Seed, day, 5));
        var events = new List<SimEvent>();
        if (first)
        {
            foreach (var product in _catalog.Products) events.Add(New(SimEventType.CatalogProduct, _startMs, product: product));
        }
        var dayStart = SimClock.DayStartMs(day);
        Sessions = _scheduler.SessionsOn(day, _options.AlwaysLiveFromMs);
        var byRoom = new Dictionary<int, List<SessionPlan>>();
        foreach (var s in Sessions)
        {
            events.Add(New(SimEventType.CatalogSession, Math.Max(Math.Max(dayStart, _startMs), s.StartMs - 3_600_000), session: s));
            foreach (var slot in s.Slots)
            {
                var e = New(SimEventType.OnScreen, slot.FromMs, session: s, product: _catalog.Products[slot.Product]);
                e.UntilMs = slot.UntilMs;
                events.Add(e);
            }
            if (!byRoom.TryGetValue(s.Room.Index, out var list)) byRoom[s.Room.Index] = list = [];
            list.Add(s);
        }

        var featured = _options.FeaturedAudience <= 0 ? [] : Sessions.Where(s => s.Room.Index < 3 && s.StartMs >= _options.AlwaysLiveFromMs - 3 * 2_400_000L).ToList();
        var featuredRate = _options.FeaturedAudience / (double)_people.Length;
        var visits = new VisitSimulator(this, _catalog, _options);
        var shop = new ShopSimulator(this, _catalog);
        var mine = new List<SimEvent>();
        foreach (var person in _people)
        {
            var registeredDay = SimClock.LocalDay(person.RegisteredMs);
            if (day < registeredDay) continue;
            var lively = person.Liveliness(day);
            if (lively < 0.02) continue;
            mine.Clear();
            foreach (var session in ChooseSessions(random, person, day, lively, byRoom)) visits.Visit(random, person, session, day, mine);
            foreach (var session in featured)
            {
                // The demo's always-live rooms draw a crowd: the feed sends people there, more so when they like what it sells.
                var fit = session.Room.Categories.Sum(c => person.InterestIn(c, day));
                if (random.Chance(Math.Min(1, featuredRate * (0.4 + fit)))) visits.Visit(random, person, session, day, mine, featured: true);
            }
            var shopVisits = random.Poisson(person.ShopRate * lively);
            for (var v = 0; v < shopVisits; v++) shop.Visit(random, person, day, dayStart, mine);
            shop.RepeatPurchase(random, person, day, dayStart, lively, mine);
            if (mine.Count == 0) continue;
            if (day == registeredDay) mine.RemoveAll(e => e.TsMs < person.RegisteredMs);
            if (mine.Count == 0) continue;
            if (!person.Introduced) Introduce(person, mine);
            events.AddRange(mine);
        }
        events.Sort(static (a, b) => a.TsMs != b.TsMs ? a.TsMs.CompareTo(b.TsMs) : a.Seq.CompareTo(b.Seq));
        return events;
    }

    /// <summary>The person's first activity: declared attributes, and the link of viewer id and account (when the person logs in).</summary>
    private void Introduce(SimPerson person, List<SimEvent> mine)
    {
        person.Introduced = true;
        var first = long.MaxValue;
        foreach (var e in mine) first = Math.Min(first, e.TsMs);
        if (person.DeclaresProfile) mine.Add(New(SimEventType.Profile, first - 1000, person));
        if (person.Account is not null && !person.Unlinked) mine.Add(New(SimEventType.Link, first - 500, person));
    }

    private static List<SessionPlan> ChooseSessions(Random random, SimPerson person, int day, double lively, Dictionary<int, List<SessionPlan>> byRoom)
    {
        var chosen = new List<SessionPlan>(2);
        if (person.Has(Traits.LoyalFan) && byRoom.TryGetValue(person.Rooms[0], out var favourite) && random.Chance(0.5 * lively))
        {
            chosen.Add(favourite[random.Next(favourite.Count)]);
        }
        var n = Math.Min(3, random.Poisson(person.LiveRate * lively));
        for (var i = chosen.Count; i < n; i++)
        {
            // Mostly the person's rooms (favourite first), sometimes a room the feed recommends.
            var room = random.Chance(0.85) ? person.Rooms[Math.Min(person.Rooms.Length - 1, (int)random.Exponential(0.9))] : -1;
            if (room >= 0 && byRoom.TryGetValue(room, out var sessions))
            {
                var s = sessions[random.Next(sessions.Count)];
                if (!chosen.Contains(s)) chosen.Add(s);
            }
            else if (room < 0 && byRoom.Count > 0 && !person.Has(Traits.NightOwl))
            {
                var any = byRoom.Values.ElementAt(random.Next(byRoom.Count));
                var s = any[random.Next(any.Count)];
                if (!s.Room.LateNight && !chosen.Contains(s)) chosen.Add(s);
            }
        }
        return chosen;
    }

    public SimEvent New(string type, long tsMs, SimPerson? person = null, SessionPlan? session = null, SimProduct? product = null) =>
        new() { Seq = _seq++, Type = type, TsMs = tsMs, Person = person, Session = session, Product = product };
}
