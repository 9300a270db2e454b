using System.Diagnostics;
using System.Globalization;

namespace LiveProfile.Cli.Loadgen;

/// <summary>Once a second: accepted events/s, requests/s and ack latency over the last second.</summary>
internal sealed class LiveLine(LoadStats stats, Stopwatch clock)
{
    public async Task RunAsync(Task done, Action<string> show)
    {
        long lastAccepted = 0, lastRequests = 0;
        var last = TimeSpan.Zero;
        while (true)
        {
            await Task.WhenAny(done, Task.Delay(1000)).ConfigureAwait(false);
            if (done.IsCompleted) return;
            var now = clock.Elapsed;
            var seconds = Math.Max((now - last).TotalSeconds, 1e-3);
            var interval = stats.TakeInterval();
            long accepted = stats.Accepted, requests = stats.Requests;
            show(string.Create(CultureInfo.InvariantCulture,
                $"{now.TotalSeconds,5:F0}s  {(accepted - lastAccepted) / seconds,10:N0} events/s  {(requests - lastRequests) / seconds,6:N0} req/s  " +
                $"p50 {Ms(interval.PercentileMicros(50))}  p99 {Ms(interval.PercentileMicros(99))}  " +
                $"accepted {accepted:N0}  throttled {stats.Throttled:N0}  errors {stats.Errors:N0}"));
            (lastAccepted, lastRequests, last) = (accepted, requests, now);
        }
    }

    public static string Ms(long micros) => string.Create(CultureInfo.InvariantCulture, $"{micros / 1000.0,7:F1} ms");
}
