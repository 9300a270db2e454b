using System.CommandLine;
using LiveProfile.Cli.Evaluate;

namespace LiveProfile.Cli.Commands;

/// <summary><c>liveprofile evaluate-matching</c>: identity matching precision and recall on generated split identities.</summary>
internal static class EvaluateMatchingCommand
{
    public static Command Create()
    {
        var set = new Option<string>("--set")
        {
            Description = "simulator (the simulator's people), independent (a differently generated set), or stream (what the --server's own matcher made of a simulate run)",
            DefaultValueFactory = _ => "simulator",
        }.AcceptOnlyFromAmong("simulator", "independent", "stream");
        var server = ClientCommandOptions.Server();
        server.Description = "With --set stream: the server the simulator fed";
        var apiKey = ClientCommandOptions.ApiKey();
        var people = new Option<int>("--people") { Description = "People to generate", HelpName = "N", DefaultValueFactory = _ => 100_000 }.InRange(100, 10_000_000);
        var seed = new Option<int>("--seed") { Description = "Seed of the generator and of the fit", DefaultValueFactory = _ => 1 };
        var report = new Option<string?>("--report") { Description = "Also write the report as Markdown to this file", HelpName = "FILE" };
        var autoLink = new Option<double>("--auto-link")
        {
            Description = "Link on its own at or above this probability (MatchOptions.AutoLinkAt)", HelpName = "P",
            DefaultValueFactory = _ => new Matching.MatchOptions().AutoLinkAt,
        };
        autoLink.Validators.Add(r =>
        {
            if (r.GetValue(autoLink) is <= 0 or >= 1) r.AddError("--auto-link must be between 0 and 1");
        });
        var command = new Command("evaluate-matching", "Precision and recall of probabilistic identity matching on generated split identities")
        {
            set, people, seed, report, autoLink, server, apiKey,
        };
        command.SetAction((r, ct) => r.GetValue(set) == "stream"
            ? StreamMatchingEvaluation.RunAsync(ClientCommandOptions.ServerUri(r.GetValue(server)!), ClientCommandOptions.ApiKeyOrEnvironment(r.GetValue(apiKey)),
                r.GetValue(people), Console.Out, ct)
            : Task.FromResult(MatchingEvaluation.Run(r.GetValue(set)!, r.GetValue(people), r.GetValue(seed), r.GetValue(report), Console.Out,
                r.GetValue(autoLink))));
        return command;
    }
}
