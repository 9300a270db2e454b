using Microsoft.Extensions.Options;

namespace LiveProfile.Server.Models;

/// <summary>
/// Fits the customer-value models, the churn classifier and the ranking's item-to-item model again every <see cref="ServerOptions.ModelRefitInterval"/>,
/// so that parameters follow the population and every profile's <c>p_alive</c> and <c>churn</c> scores follow the passing
/// of time (and are set again after a restart that replayed events past the last checkpoint). A population that cannot
/// be fitted yet (no buyers, too little history) is skipped, not an error.
/// </summary>
internal sealed partial class ModelRefitSchedule(ClvModelService clv, ChurnModelService churn, ItemNeighborService items, EngineRuntime runtime, IOptions<ServerOptions> options,
    ILogger<ModelRefitSchedule> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = options.Value.ModelRefitInterval;
        if (interval == TimeSpan.Zero) return;
        using var timer = new PeriodicTimer(interval);
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            if (!runtime.Ready) continue;
            await RunAsync("customer-value", () => clv.FitAsync(null, stoppingToken)).ConfigureAwait(false);
            await RunAsync("churn", () => churn.FitAsync(stoppingToken)).ConfigureAwait(false);
            await RunAsync("item-to-item", () => items.FitAsync(stoppingToken)).ConfigureAwait(false);
        }
    }

    private async Task RunAsync(string model, Func<Task> fit)
    {
        try
        {
            await fit().ConfigureAwait(false);
        }
        catch (ModelFitException ex)
        {
            Skipped(logger, model, ex.Message);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Failed(logger, model, ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Scheduled {Model} fit skipped: {Reason}")]
    private static partial void Skipped(ILogger logger, string model, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Scheduled {Model} fit failed")]
    private static partial void Failed(ILogger logger, string model, Exception exception);
}
