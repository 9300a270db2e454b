using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using LiveProfile.Cli.Http;

namespace LiveProfile.Cli.Commands;

/// <summary>
/// <c>liveprofile fit-clv</c>: fits the customer-value models (BG/NBD, Pareto/NBD, Gamma-Gamma) over a running server's
/// population (<c>POST /v1/models/clv/fit</c>) and prints the parameters it now serves.
/// </summary>
internal static class FitClvCommand
{
    public static Command Create()
    {
        var calibrationEnd = new Option<string?>("--calibration-end")
        {
            Description = "Last day of the calibration window, yyyy-MM-dd (default: the population's today)", HelpName = "DATE",
        };
        calibrationEnd.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<string?>() is { } d && !DateOnly.TryParseExact(d, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
            {
                r.AddError("--calibration-end must be a date, yyyy-MM-dd");
            }
        });
        var server = ClientCommandOptions.Server();
        var apiKey = ClientCommandOptions.ApiKey();
        var command = new Command("fit-clv", "Fit the customer-value models over a server's buyers and print the parameters it serves")
        {
            calibrationEnd, server, apiKey,
        };
        command.SetAction((r, ct) => RunAsync(ClientCommandOptions.ServerUri(r.GetValue(server)!), r.GetValue(calibrationEnd),
            ClientCommandOptions.ApiKeyOrEnvironment(r.GetValue(apiKey)), Console.Out, ct));
        return command;
    }

    public static async Task<int> RunAsync(Uri server, string? calibrationEnd, string? apiKey, TextWriter output, CancellationToken ct)
    {
        var body = calibrationEnd is null ? "{}" : JsonSerializer.Serialize(new Dictionary<string, string> { ["calibrationEnd"] = calibrationEnd });
        using var fit = await ModelClient.FitAsync(server, "/v1/models/clv/fit", body, apiKey, "fit-clv", ct).ConfigureAwait(false);
        if (fit is null) return 1;
        var root = fit.RootElement;
        await output.WriteLineAsync($"customer-value models v{root.GetProperty("version").GetInt32()}: {root.GetProperty("customers").GetInt32():N0} buyers " +
            $"({root.GetProperty("repeatBuyers").GetInt32():N0} repeat) up to {root.GetProperty("calibrationEnd").GetString()}, " +
            $"fitted in {root.GetProperty("fitSeconds").GetDouble():F2} s, {root.GetProperty("scored").GetInt32():N0} p_alive scores set").ConfigureAwait(false);
        foreach (var (model, names) in new[] { ("bgNbd", "r alpha a b"), ("paretoNbd", "r alpha s beta"), ("gammaGamma", "p q v") })
        {
            if (!root.TryGetProperty(model, out var m)) continue;
            var values = string.Join("  ", names.Split(' ').Select(n => $"{n} = {m.GetProperty(n).GetDouble():F4}"));
            await output.WriteLineAsync($"  {model,-10} {values}  (log-likelihood {m.GetProperty("logLikelihood").GetDouble():F1}, " +
                $"{m.GetProperty("iterations").GetInt32()} iterations{(m.GetProperty("converged").GetBoolean() ? "" : ", NOT converged")})").ConfigureAwait(false);
        }
        return 0;
    }
}
