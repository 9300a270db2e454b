namespace LiveProfile.Simulation.Generation;

/// <summary>
/// Decides how each clean event is delivered: on time, late (after later events, by up to two
/// hours), twice with the same id (a retry), and now and then accompanied by a broken line of the
/// kind buggy producers send (each must come back as a per-line rejection).
/// </summary>
internal sealed class NoiseInjector(NoiseOptions noise, int seed, Func<SimEvent, SimEvent> cloneWithNewId)
{
    private static readonly string[] Generic = ["bad_timestamp", "unknown_type", "missing_user"];
    private readonly Random _random = new(unchecked(seed * 31 + 4));

    public long Late { get; private set; }
    public long Duplicates { get; private set; }
    public long Malformed { get; private set; }

    public void Schedule(SimEvent e, Action<Delivery> deliver)
    {
        var due = e.TsMs;
        if (e.Person is not null && _random.NextDouble() < noise.Late)
        {
            due += 120_000 + _random.Next(7_080_000);
            Late++;
        }
        deliver(new Delivery(e, due, false));
        if (_random.NextDouble() < noise.Duplicates)
        {
            deliver(new Delivery(e, due + _random.Next(600_000), true));
            Duplicates++;
        }
        if (e.Person is not null && _random.NextDouble() < noise.Malformed)
        {
            var broken = cloneWithNewId(e);
            broken.Broken = BreakageFor(e);
            deliver(new Delivery(broken, due, false));
            Malformed++;
        }
    }

    private string BreakageFor(SimEvent e) => e.Type switch
    {
        SimEventType.Comment when _random.NextDouble() < 0.5 => _random.NextDouble() < 0.5 ? "missing_text" : "comment_too_long",
        SimEventType.Gift when _random.NextDouble() < 0.5 => "negative_value",
        _ => Generic[_random.Next(Generic.Length)],
    };
}
