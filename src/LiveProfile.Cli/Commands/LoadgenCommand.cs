using System.CommandLine;
using LiveProfile.Cli.Loadgen;

namespace LiveProfile.Cli.Commands;

/// <summary><c>liveprofile loadgen</c>: synthetic live-commerce load against one server, bounded in time and count.</summary>
internal static class LoadgenCommand
{
    public static Command Create()
    {
        var server = ClientCommandOptions.Server();
        var rate = new Option<int>("--rate") { Description = "Target events/s; 0 sends as fast as the server answers", HelpName = "N" }
            .InRange(0, 10_000_000);
        var duration = new Option<int>("--duration") { Description = "Seconds of load", HelpName = "SECONDS", DefaultValueFactory = _ => 10 }
            .InRange(1, 3600);
        var batch = new Option<int>("--batch") { Description = "Events per request", HelpName = "N", DefaultValueFactory = _ => 1000 }
            .InRange(1, 10_000);
        var concurrency = new Option<int>("--concurrency") { Description = "Concurrent senders", HelpName = "C", DefaultValueFactory = _ => 4 }
            .InRange(1, 256);
        var users = new Option<int>("--users") { Description = "Distinct users (Zipf-distributed activity)", HelpName = "N", DefaultValueFactory = _ => 100_000 }
            .InRange(1, 100_000_000);
        var seed = new Option<int?>("--seed") { Description = "Seed for users, products and the event mix (default: random, printed)", HelpName = "S" };
        var apiKey = ClientCommandOptions.ApiKey();
        var command = new Command("loadgen", "Send synthetic events to a LiveProfile server and report throughput and ack latency")
        {
            server, rate, duration, batch, concurrency, users, seed, apiKey,
        };
        command.SetAction((result, ct) => LoadgenRunner.RunAsync(
            new LoadgenSettings(
                ClientCommandOptions.ServerUri(result.GetValue(server)!),
                result.GetValue(rate),
                result.GetValue(duration),
                result.GetValue(batch),
                result.GetValue(concurrency),
                result.GetValue(users),
                result.GetValue(seed) ?? Random.Shared.Next(1, int.MaxValue),
                ClientCommandOptions.ApiKeyOrEnvironment(result.GetValue(apiKey))),
            ct));
        return command;
    }
}
