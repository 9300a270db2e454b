using Microsoft.Extensions.Options;

namespace LiveProfile.Server.Models;

/// <summary>
/// Fits the customer-value models again every <see cref="ServerOptions.ClvRefitInterval"/>, so that parameters follow
/// the population and every buyer's <c>p_alive</c> follows the passing of time (and is set again after a restart that
/// replayed events past the last checkpoint). A population without buyers is skipped, not an error.
/// </summary>
internal sealed partial class ClvRefitSchedule(ClvModelService models, EngineRuntime runtime, IOptions<ServerOptions> options,
    ILogger<ClvRefitSchedule> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = options.Value.ClvRefitInterval;
        if (interval == TimeSpan.Zero) return;
        using var timer = new PeriodicTimer(interval);
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            if (!runtime.Ready) continue;
            try
            {
                await models.FitAsync(null, stoppingToken).ConfigureAwait(false);
            }
            catch (ClvFitException ex)
            {
                Skipped(logger, ex.Message);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                Failed(logger, ex);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Scheduled customer-value fit skipped: {Reason}")]
    private static partial void Skipped(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Scheduled customer-value fit failed")]
    private static partial void Failed(ILogger logger, Exception exception);
}
