using System.CommandLine;
using System.Globalization;
using LiveProfile.Cli.Simulate;
using LiveProfile.Simulation;

namespace LiveProfile.Cli.Commands;

/// <summary><c>liveprofile simulate</c>: live-commerce traffic with ground truth, to a file or a server.</summary>
internal static class SimulateCommand
{
    public static Command Create()
    {
        var users = new Option<int>("--users") { Description = "Simulated people", HelpName = "N", DefaultValueFactory = _ => 1_000 }.InRange(1, 20_000_000);
        var days = new Option<int>("--days") { Description = "Simulated days, ending at --end", HelpName = "N", DefaultValueFactory = _ => 90 }.InRange(1, 365);
        var end = new Option<string?>("--end")
        {
            Description = "End of the run: a date (its midnight, UTC+8, ends the run's last day) or an RFC 3339 time (default: today's midnight, UTC+8)",
            HelpName = "TIME",
        };
        var seed = new Option<int>("--seed") { Description = "Seed: the same seed and end give the same events", HelpName = "S", DefaultValueFactory = _ => 1 };
        var rooms = new Option<int>("--rooms") { Description = "Live rooms", HelpName = "N", DefaultValueFactory = _ => 40 }.InRange(3, 10_000);
        var products = new Option<int>("--products-per-category") { Description = "Products per top-level category (8 categories)", HelpName = "N", DefaultValueFactory = _ => 300 }.InRange(10, 100_000);
        var activity = new Option<double>("--activity") { Description = "Multiplies how often people watch and shop", HelpName = "X", DefaultValueFactory = _ => 1 };
        var output = new Option<string?>("--out") { Description = "Write NDJSON events to this file instead of sending them", HelpName = "FILE" };
        var server = ClientCommandOptions.Server();
        var apiKey = ClientCommandOptions.ApiKey();
        var truth = new Option<string?>("--truth") { Description = "Ground-truth file (default: beside --out, or sim-truth.ndjson)", HelpName = "FILE" };
        var noTruth = new Option<bool>("--no-truth") { Description = "Skip the ground truth (benchmark sizes)" };
        var realTime = new Option<bool>("--real-time") { Description = "Send each event when it is due by the wall clock" };
        var batch = new Option<int>("--batch") { Description = "Events per request", HelpName = "N", DefaultValueFactory = _ => 2_000 }.InRange(1, 10_000);
        var concurrency = new Option<int>("--concurrency") { Description = "Concurrent requests", HelpName = "C", DefaultValueFactory = _ => 4 }.InRange(1, 64);
        var duplicates = Rate("--duplicates", "Share of events sent twice with the same id", new NoiseOptions().Duplicates);
        var late = Rate("--late", "Share of events delivered up to two hours late", new NoiseOptions().Late);
        var malformed = Rate("--malformed", "Broken extra lines per event", new NoiseOptions().Malformed);
        var skew = Rate("--skewed-clocks", "Share of people whose phone clock is off by 30 s–10 min", new NoiseOptions().SkewedClocks);
        var unlinked = Rate("--unlinked", "Share of people whose viewer id is never linked to their account", new NoiseOptions().UnlinkedIdentities);
        var noNoise = new Option<bool>("--no-noise") { Description = "No duplicates, late, broken, skewed or unlinked events" };
        var command = new Command("simulate", "Simulate live-commerce traffic (rooms, sessions, viewers, shoppers, comments) with the tags each person should carry")
        {
            users, days, end, seed, rooms, products, activity, output, server, apiKey, truth, noTruth, realTime, batch, concurrency,
            duplicates, late, malformed, skew, unlinked, noNoise,
        };
        command.Validators.Add(r =>
        {
            if (r.GetValue(end) is { } e && ParseEnd(e) is null) r.AddError("--end must be a date (2026-11-30) or an RFC 3339 time");
        });
        command.SetAction((r, ct) =>
        {
            var noise = r.GetValue(noNoise) ? NoiseOptions.None : new NoiseOptions
            {
                Duplicates = r.GetValue(duplicates), Late = r.GetValue(late), Malformed = r.GetValue(malformed),
                SkewedClocks = r.GetValue(skew), UnlinkedIdentities = r.GetValue(unlinked),
            };
            var outFile = r.GetValue(output);
            var withTruth = !r.GetValue(noTruth);
            var truthFile = !withTruth ? null
                : r.GetValue(truth) ?? (outFile is null ? "sim-truth.ndjson" : Path.ChangeExtension(outFile, null) + ".truth.ndjson");
            var simulation = new SimulationOptions
            {
                Seed = r.GetValue(seed), Users = r.GetValue(users), Days = r.GetValue(days),
                EndMs = r.GetValue(end) is { } e ? ParseEnd(e)!.Value : TodayMidnight(), Rooms = r.GetValue(rooms),
                ProductsPerCategory = r.GetValue(products), Activity = r.GetValue(activity), Noise = noise, GroundTruth = withTruth,
            };
            return SimulateRunner.RunAsync(new SimulateSettings(simulation, outFile,
                outFile is null ? ClientCommandOptions.ServerUri(r.GetValue(server)!) : null,
                ClientCommandOptions.ApiKeyOrEnvironment(r.GetValue(apiKey)), truthFile, r.GetValue(realTime),
                r.GetValue(batch), r.GetValue(concurrency)), ct);
        });
        return command;
    }

    private static Option<double> Rate(string name, string description, double value)
    {
        var option = new Option<double>(name) { Description = description, HelpName = "RATE", DefaultValueFactory = _ => value };
        option.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<double>() is < 0 or > 1) r.AddError($"{name} must be between 0 and 1");
        });
        return option;
    }

    private static long TodayMidnight()
    {
        var now = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8));
        return new DateTimeOffset(now.Year, now.Month, now.Day, 0, 0, 0, TimeSpan.FromHours(8)).ToUnixTimeMilliseconds();
    }

    /// <summary>A date ends at its following midnight (UTC+8); a time is taken as is.</summary>
    internal static long? ParseEnd(string value)
    {
        if (DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return new DateTimeOffset(date.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.FromHours(8)).ToUnixTimeMilliseconds();
        }
        return DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.None, out var time) && value.Contains('T', StringComparison.Ordinal)
            ? time.ToUnixTimeMilliseconds() : null;
    }
}
