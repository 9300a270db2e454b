using System.CommandLine;
using LiveProfile.Cli.Ingest;

namespace LiveProfile.Cli.Commands;

/// <summary><c>liveprofile ingest FILE|-</c>: streams an NDJSON file to <c>POST /v1/events</c> in batches.</summary>
internal static class IngestCommand
{
    public static Command Create()
    {
        var input = new Argument<string>("FILE") { Description = "NDJSON events, one per line; - reads standard input" };
        var server = ClientCommandOptions.Server();
        var batch = new Option<int>("--batch")
        {
            Description = "Events per request (the server takes at most 10,000)", HelpName = "N", DefaultValueFactory = _ => 5000,
        }.InRange(1, 10_000);
        var apiKey = ClientCommandOptions.ApiKey();
        var command = new Command("ingest", "Send NDJSON events from a file or standard input to a LiveProfile server")
        {
            input, server, batch, apiKey,
        };
        command.SetAction((result, ct) => IngestRunner.RunAsync(
            new IngestSettings(
                result.GetValue(input)!,
                ClientCommandOptions.ServerUri(result.GetValue(server)!),
                result.GetValue(batch),
                ClientCommandOptions.ApiKeyOrEnvironment(result.GetValue(apiKey))),
            ct));
        return command;
    }
}
