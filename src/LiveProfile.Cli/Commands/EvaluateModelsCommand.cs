using System.CommandLine;
using LiveProfile.Cli.Evaluate;

namespace LiveProfile.Cli.Commands;

/// <summary><c>liveprofile evaluate-models</c>: the ranking, churn and invitation models measured offline on an event file with a time split.</summary>
internal static class EvaluateModelsCommand
{
    public static Command Create()
    {
        var events = new Option<string>("--events") { Description = "NDJSON events (e.g. from simulate --out)", HelpName = "FILE", Required = true };
        var testDays = new Option<int>("--test-days") { Description = "The last N days of the file are the test period", HelpName = "N", DefaultValueFactory = _ => 7 }
            .InRange(1, 90);
        var grantConsent = new Option<bool>("--grant-consent")
        {
            Description = "Grant personalisation and marketing to every person before replaying (the simulator models no consent)",
        };
        var report = new Option<string?>("--report") { Description = "Also write the report as Markdown to this file", HelpName = "FILE" };
        var command = new Command("evaluate-models", "Replay an event file with a time split and measure the in-live ranking (HR@10, NDCG@10 against popularity), churn (AUC) and invitations (precision)")
        {
            events, testDays, grantConsent, report,
        };
        command.SetAction(async (r, ct) =>
        {
            try
            {
                return await ModelEvaluation.RunAsync(r.GetValue(events)!, r.GetValue(testDays), r.GetValue(grantConsent), r.GetValue(report), Console.Out, ct);
            }
            catch (Exception ex) when (ex is IOException or InvalidDataException or UnauthorizedAccessException)
            {
                await Console.Error.WriteLineAsync($"evaluate-models: {ex.Message}");
                return 1;
            }
        });
        return command;
    }
}
