using System.Threading.Channels;
using LiveProfile.Cli.Http;
using LiveProfile.Cli.Ingest;
using LiveProfile.Simulation.Generation;
using LiveProfile.Simulation.Output;

namespace LiveProfile.Cli.Simulate;

/// <summary>
/// Sends a simulation's deliveries to a server: encoded into requests of up to <c>batch</c> events,
/// posted by <c>concurrency</c> senders (retrying overload answers), and, in real time, each event
/// no earlier than it is due, with requests flushed at least four times a second. <c>sentAt</c> is
/// stamped when a request is encoded, so the server can correct skewed phone clocks.
/// </summary>
internal sealed class SimulationSender(EventsClient client, EventWriter writer, int batch, int concurrency, TimeProvider? time = null)
{
    private static readonly TimeSpan FlushEvery = TimeSpan.FromMilliseconds(250);
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    public DeliveryTally Tally { get; } = new();

    /// <param name="realTime">Wait until each event is due.</param>
    /// <param name="skipBeforeMs">Deliveries due before this are not sent (history already in the data directory).</param>
    public async Task RunAsync(IEnumerable<Delivery> deliveries, bool realTime, long skipBeforeMs, CancellationToken ct)
    {
        var requests = Channel.CreateBounded<(ReadOnlyMemory<byte> Payload, int Lines)>(new BoundedChannelOptions(concurrency * 2) { SingleWriter = true });
        var senders = new Task[concurrency];
        for (var i = 0; i < concurrency; i++) senders[i] = SendLoopAsync(requests.Reader, ct);
        try
        {
            await Task.Run(() => ProduceAsync(deliveries, realTime, skipBeforeMs, requests.Writer, ct), ct).ConfigureAwait(false);
        }
        finally
        {
            requests.Writer.TryComplete();
            await Task.WhenAll(senders).ConfigureAwait(false);
        }
    }

    private async Task ProduceAsync(IEnumerable<Delivery> deliveries, bool realTime, long skipBeforeMs,
        ChannelWriter<(ReadOnlyMemory<byte>, int)> requests, CancellationToken ct)
    {
        var pending = new List<Delivery>(batch);
        var lastFlush = _time.GetTimestamp();
        async Task FlushAsync()
        {
            if (pending.Count == 0) return;
            var encoder = new NdjsonEncoder(writer);
            var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
            foreach (var d in pending) encoder.Add(d, now);
            await requests.WriteAsync((encoder.Written, encoder.Count), ct).ConfigureAwait(false);
            pending.Clear();
            lastFlush = _time.GetTimestamp();
        }

        foreach (var d in deliveries)
        {
            ct.ThrowIfCancellationRequested();
            if (Tally.Failure is not null) return;
            if (d.DueMs < skipBeforeMs) continue;
            if (realTime)
            {
                while (d.DueMs > _time.GetUtcNow().ToUnixTimeMilliseconds())
                {
                    if (pending.Count > 0 && _time.GetElapsedTime(lastFlush) >= FlushEvery) await FlushAsync().ConfigureAwait(false);
                    var wait = Math.Clamp(d.DueMs - _time.GetUtcNow().ToUnixTimeMilliseconds(), 1, 250);
                    await Task.Delay(TimeSpan.FromMilliseconds(wait), _time, ct).ConfigureAwait(false);
                }
            }
            pending.Add(d);
            if (pending.Count >= batch || realTime && _time.GetElapsedTime(lastFlush) >= FlushEvery) await FlushAsync().ConfigureAwait(false);
        }
        await FlushAsync().ConfigureAwait(false);
    }

    private async Task SendLoopAsync(ChannelReader<(ReadOnlyMemory<byte> Payload, int Lines)> requests, CancellationToken ct)
    {
        var sender = new BatchSender(client);
        await foreach (var (payload, lines) in requests.ReadAllAsync(ct).ConfigureAwait(false))
        {
            if (Tally.Failure is not null) continue; // drain: the producer stops at the next delivery
            var outcome = await sender.SendAsync(payload, ct).ConfigureAwait(false);
            if (outcome.Result is { Ok: true } ok) Tally.Add(lines, ok.Answer!);
            else Tally.Fail(outcome.NetworkError ?? outcome.Result!.Value.Describe());
        }
    }
}
