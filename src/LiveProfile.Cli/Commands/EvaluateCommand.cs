using System.CommandLine;
using LiveProfile.Cli.Evaluate;

namespace LiveProfile.Cli.Commands;

/// <summary><c>liveprofile evaluate</c>: the quality report of a server's profiles against a simulation's ground truth.</summary>
internal static class EvaluateCommand
{
    public static Command Create()
    {
        var truth = new Option<string>("--truth") { Description = "Ground-truth file written by liveprofile simulate", HelpName = "FILE", DefaultValueFactory = _ => "sim-truth.ndjson" };
        var server = ClientCommandOptions.Server();
        var apiKey = ClientCommandOptions.ApiKey();
        var report = new Option<string?>("--report") { Description = "Also write the report as Markdown to this file", HelpName = "FILE" };
        var examples = new Option<int>("--examples") { Description = "Wrong people explained per worst tag (each way)", HelpName = "N", DefaultValueFactory = _ => 2 }.InRange(0, 5);
        var concurrency = new Option<int>("--concurrency") { Description = "Concurrent profile reads", HelpName = "C", DefaultValueFactory = _ => 8 }.InRange(1, 64);
        var command = new Command("evaluate", "Precision, recall and F1 per tag and family of a server's profiles against a simulation's ground truth")
        {
            truth, server, apiKey, report, examples, concurrency,
        };
        command.SetAction((r, ct) => EvaluateRunner.RunAsync(ClientCommandOptions.ServerUri(r.GetValue(server)!),
            ClientCommandOptions.ApiKeyOrEnvironment(r.GetValue(apiKey)), r.GetValue(truth)!, r.GetValue(report), r.GetValue(examples),
            r.GetValue(concurrency), ct));
        return command;
    }
}
