using System.Buffers;
using System.Globalization;
using System.IO.Pipelines;
using System.Text;
using System.Text.Json;
using LiveProfile.Engine.Tags;
using Microsoft.AspNetCore.Http.Features;

namespace LiveProfile.Server.Http;

/// <summary>
/// One <c>GET /v1/changes</c> reader: Server-Sent Events from a <see cref="TagChangeHub"/>
/// subscription (<c>id</c> = feed sequence, <c>event</c> = kind, <c>data</c> = <see cref="ChangeEvent"/>),
/// a <c>: keep-alive</c> comment on a timer so proxies keep the connection open, until the client
/// leaves or the server stops.
/// </summary>
internal sealed partial class TagChangeStream(TagChangeHub hub, ChangeFilter filter, long? after, TimeSpan keepAlive) : IResult
{
    /// <summary>Changes queued for a slow reader before it starts losing the oldest (counted in <c>missed</c>).</summary>
    private const int Capacity = 10_000;

    /// <summary>Events written before one flush: a reader that keeps up gets each event flushed on its own.</summary>
    private const int MaxPerFlush = 64;

    private static readonly byte[] KeepAliveComment = ": keep-alive\n\n"u8.ToArray();

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var logger = httpContext.RequestServices.GetRequiredService<ILogger<TagChangeStream>>();
        var stopping = httpContext.RequestServices.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
        // A stream never ends on its own: end it when the server stops, or shutdown waits for it.
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(httpContext.RequestAborted, stopping);
        var ct = stop.Token;
        var response = httpContext.Response;
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache";
        response.Headers["X-Accel-Buffering"] = "no";
        httpContext.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();

        // Subscribed before the headers go out: a client that has the headers sees every later change.
        using var subscription = hub.Subscribe(filter.Matches, after, Capacity);
        using var timer = new PeriodicTimer(keepAlive);
        using var json = new Utf8JsonWriter(response.BodyWriter);
        var sent = 0L;
        LogOpened(logger, after ?? -1);
        try
        {
            await response.StartAsync(ct).ConfigureAwait(false);
            response.BodyWriter.Write(": liveprofile tag changes\n\n"u8);
            await response.BodyWriter.FlushAsync(ct).ConfigureAwait(false);
            var reader = subscription.Reader;
            var ready = reader.WaitToReadAsync(ct).AsTask();
            var tick = timer.WaitForNextTickAsync(ct).AsTask();
            while (true)
            {
                if (await Task.WhenAny(ready, tick).ConfigureAwait(false) == tick)
                {
                    if (!await tick.ConfigureAwait(false)) break;
                    response.BodyWriter.Write(KeepAliveComment);
                    if ((await response.BodyWriter.FlushAsync(ct).ConfigureAwait(false)).IsCompleted) break;
                    tick = timer.WaitForNextTickAsync(ct).AsTask();
                    continue;
                }
                if (!await ready.ConfigureAwait(false)) break;
                var batch = 0;
                while (batch < MaxPerFlush && reader.TryRead(out var item))
                {
                    Write(response.BodyWriter, json, item);
                    sent++;
                    batch++;
                }
                if ((await response.BodyWriter.FlushAsync(ct).ConfigureAwait(false)).IsCompleted) break;
                ready = reader.WaitToReadAsync(ct).AsTask();
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException)
        {
            // The client left or the server is stopping: nothing to answer.
        }
        LogClosed(logger, sent);
    }

    private static void Write(PipeWriter writer, Utf8JsonWriter json, SequencedTagChange item)
    {
        writer.Write("id: "u8);
        var span = writer.GetSpan(20);
        item.Sequence.TryFormat(span, out var written, default, CultureInfo.InvariantCulture);
        writer.Advance(written);
        writer.Write("\nevent: "u8);
        writer.Write(Encoding.UTF8.GetBytes(ChangeFilter.KindName(item.Change.Kind)));
        writer.Write("\ndata: "u8);
        json.Reset(writer);
        JsonSerializer.Serialize(json, ChangeEvent.From(item), ServerJson.Context.ChangeEvent);
        json.Flush();
        writer.Write("\n\n"u8);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Change feed reader subscribed (after {After})")]
    private static partial void LogOpened(ILogger logger, long after);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Change feed reader left after {Events} events")]
    private static partial void LogClosed(ILogger logger, long events);
}
