using System.CommandLine;
using LiveProfile.Cli.Evaluate;

namespace LiveProfile.Cli.Commands;

/// <summary><c>liveprofile evaluate-matching</c>: identity matching precision and recall on generated split identities.</summary>
internal static class EvaluateMatchingCommand
{
    public static Command Create()
    {
        var set = new Option<string>("--set") { Description = "simulator (the simulator's people) or independent (a differently generated set)", DefaultValueFactory = _ => "simulator" }
            .AcceptOnlyFromAmong("simulator", "independent");
        var people = new Option<int>("--people") { Description = "People to generate", HelpName = "N", DefaultValueFactory = _ => 100_000 }.InRange(100, 10_000_000);
        var seed = new Option<int>("--seed") { Description = "Seed of the generator and of the fit", DefaultValueFactory = _ => 1 };
        var report = new Option<string?>("--report") { Description = "Also write the report as Markdown to this file", HelpName = "FILE" };
        var command = new Command("evaluate-matching", "Precision and recall of probabilistic identity matching on generated split identities")
        {
            set, people, seed, report,
        };
        command.SetAction(r => MatchingEvaluation.Run(r.GetValue(set)!, r.GetValue(people), r.GetValue(seed), r.GetValue(report), Console.Out));
        return command;
    }
}
