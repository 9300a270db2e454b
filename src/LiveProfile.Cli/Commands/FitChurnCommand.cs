using System.CommandLine;
using LiveProfile.Cli.Http;

namespace LiveProfile.Cli.Commands;

/// <summary>
/// <c>liveprofile fit-churn</c>: fits the churn classifier over a running server's history (<c>POST /v1/models/churn/fit</c>)
/// and prints how it did on the later split: AUC, Brier score, log-loss and its calibration.
/// </summary>
internal static class FitChurnCommand
{
    public static Command Create()
    {
        var server = ClientCommandOptions.Server();
        var apiKey = ClientCommandOptions.ApiKey();
        var command = new Command("fit-churn", "Fit the churn classifier over a server's history and print its evaluation") { server, apiKey };
        command.SetAction((r, ct) => RunAsync(ClientCommandOptions.ServerUri(r.GetValue(server)!), ClientCommandOptions.ApiKeyOrEnvironment(r.GetValue(apiKey)),
            Console.Out, ct));
        return command;
    }

    public static async Task<int> RunAsync(Uri server, string? apiKey, TextWriter output, CancellationToken ct)
    {
        using var fit = await ModelClient.FitAsync(server, "/v1/models/churn/fit", "{}", apiKey, "fit-churn", ct).ConfigureAwait(false);
        if (fit is null) return 1;
        var root = fit.RootElement;
        var e = root.GetProperty("evaluation");
        await output.WriteLineAsync($"churn model v{root.GetProperty("version").GetInt32()}: trained at {root.GetProperty("trainedAt").GetString()} " +
            $"on {root.GetProperty("trainingExamples").GetInt32():N0} profiles, evaluated at {root.GetProperty("evaluatedAt").GetString()} " +
            $"on {e.GetProperty("examples").GetInt32():N0} ({e.GetProperty("churnRate").GetDouble():P1} churned), " +
            $"{root.GetProperty("scored").GetInt32():N0} profiles scored, {root.GetProperty("fitSeconds").GetDouble():F1} s").ConfigureAwait(false);
        await output.WriteLineAsync($"  AUC {e.GetProperty("auc").GetDouble():F4}  Brier {e.GetProperty("brier").GetDouble():F4}  " +
            $"log-loss {e.GetProperty("logLoss").GetDouble():F4}").ConfigureAwait(false);
        await output.WriteLineAsync("  calibration: risk bin | profiles | mean predicted | observed").ConfigureAwait(false);
        foreach (var bin in e.GetProperty("calibration").EnumerateArray())
        {
            var from = bin.GetProperty("from").GetDouble();
            await output.WriteLineAsync($"    {from:F1}-{from + 0.1:F1} | {bin.GetProperty("examples").GetInt32(),8:N0} | {bin.GetProperty("meanPredicted").GetDouble(),6:F3} | " +
                $"{bin.GetProperty("observedRate").GetDouble():F3}").ConfigureAwait(false);
        }
        return 0;
    }
}
