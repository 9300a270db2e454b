using LiveProfile.Simulation.Catalog;
using LiveProfile.Simulation.People;
using LiveProfile.Simulation.Rooms;
using LiveProfile.Simulation.Truth;

namespace LiveProfile.Simulation.Generation;

/// <summary>
/// A whole simulated run: the catalog, rooms and people, then day after day of events in
/// delivery order (late events after later ones, duplicates, broken lines), ending with one tick
/// at the end time so that every partition's event clock reaches it. The ground truth sees the
/// clean events as they happen.
/// </summary>
internal sealed class LiveCommerceSimulation
{
    private readonly SimulationOptions _options;
    private readonly DayGenerator _days;
    private readonly NoiseInjector _noise;
    private readonly SimPerson _clock;

    public LiveCommerceSimulation(SimulationOptions options)
    {
        if (options.Users < 1) throw new ArgumentOutOfRangeException(nameof(options), "at least one user");
        if (options.Days is < 1 or > 365) throw new ArgumentOutOfRangeException(nameof(options), "between 1 and 365 days");
        _options = options;
        EndMs = options.EndMs;
        StartDay = SimClock.LocalDay(EndMs - 1) - options.Days + 1;
        StartMs = SimClock.DayStartMs(StartDay);
        Catalog = new ProductCatalog(options.ProductsPerCategory, options.Seed);
        Scheduler = new SessionScheduler(Catalog, options.Rooms, options.Seed);
        People = PopulationBuilder.Build(options, Scheduler, StartDay, options.Days);
        Truth = options.GroundTruth ? new GroundTruth(Catalog, People.Length, StartMs, EndMs) : null;
        _days = new DayGenerator(options, Catalog, Scheduler, People, StartMs);
        _noise = new NoiseInjector(options.Noise, options.Seed, Clone);
        _clock = new SimPerson
        {
            Index = -1, Account = "sim-clock", Viewer = "sim-clock", Device = "sim-clock", Nickname = "clock", Traits = Traits.None,
            Interest = new double[ProductCatalog.CategoryCount], LiveRate = 0, ShopRate = 0, Rooms = [], RegisteredMs = StartMs,
        };
    }

    public ProductCatalog Catalog { get; }
    public SessionScheduler Scheduler { get; }
    public SimPerson[] People { get; }
    public GroundTruth? Truth { get; }
    public long StartMs { get; }
    public long EndMs { get; }
    public int StartDay { get; }
    public int Days => _options.Days;
    public long Events { get; private set; }
    public long Sessions { get; private set; }
    public NoiseInjector Noise => _noise;

    /// <summary>Every delivery of the run in order; <paramref name="onDay"/> hears of each finished day (progress).</summary>
    public IEnumerable<Delivery> Deliveries(Action<int>? onDay = null)
    {
        var pending = new PriorityQueue<Delivery, (long, long)>();
        void Deliver(Delivery d) => pending.Enqueue(d, (d.DueMs, d.Event.Seq * 2 + (d.Duplicate ? 1 : 0)));
        for (var i = 0; i < _options.Days; i++)
        {
            var day = StartDay + i;
            var events = _days.Generate(day, first: i == 0);
            Sessions += _days.Sessions.Count;
            Truth?.ObserveSessions(_days.Sessions);
            foreach (var e in events)
            {
                if (e.TsMs >= EndMs) continue; // after the run (a review days after a late order)
                Truth?.Observe(e);
                Events++;
                _noise.Schedule(e, Deliver);
            }
            var dayEnd = SimClock.DayStartMs(day + 1);
            while (pending.TryPeek(out var next, out _) && next.DueMs < dayEnd) yield return pending.Dequeue();
            onDay?.Invoke(i + 1);
        }
        while (pending.TryDequeue(out var rest, out _)) yield return rest;
        var tick = _days.New(SimEventType.Search, EndMs, _clock);
        tick.Text = "clock";
        yield return new Delivery(tick, EndMs, false);
    }

    private SimEvent Clone(SimEvent e)
    {
        var copy = _days.New(e.Type, e.TsMs, e.Person, e.Session, e.Product);
        copy.Text = e.Text;
        copy.Intent = e.Intent;
        copy.Count = e.Count;
        copy.Value = e.Value;
        copy.Code = e.Code;
        copy.Items = e.Items;
        copy.OrderId = e.OrderId;
        copy.Rating = e.Rating;
        copy.UntilMs = e.UntilMs;
        copy.DurationMs = e.DurationMs;
        return copy;
    }
}
