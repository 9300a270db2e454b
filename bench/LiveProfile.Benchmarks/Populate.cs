using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace LiveProfile.Benchmarks;

/// <summary>
/// `populate`: fills a running server with N profiles through its ordinary durable path
/// (<c>POST /v1/events</c>, NDJSON, acknowledged after fsync). First the 2,000-product catalog,
/// then N × E user events spread evenly over the last D days, oldest first: every E-th event goes
/// to the next unseen user (so all N exist), the rest to Zipf(0.9)-distributed users, with the
/// event mix of <see cref="SyntheticEvents"/> (the in-process memory benchmark). With
/// <c>--tail M</c> it sends M more events of existing users only, stamped in the last minutes
/// (the log tail of a restart test). Senders take batches in order from a shared counter, so
/// events arrive close to time order. Overload answers (429/503) are retried after Retry-After.
/// </summary>
internal static class Populate
{
    private const int Products = 2000;
    private static readonly string[] Categories = ["beauty", "appliance", "digital", "food", "fashion", "mother_baby", "home", "sports"];
    private static readonly string[] Comments = ["这个多少钱", "已拍", "求链接", "有优惠券吗", "什么时候发货", "666", "想要", "主播好美"];
    private static readonly string[] Sources = ["feed", "search", "share", "push", "follow"];
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true };

    private sealed record Settings(Uri Server, int Users, int EventsPerUser, int Days, long Tail, int Batch, int Concurrency, int Seed);

    public static async Task<int> RunAsync(string[] args)
    {
        var s = Parse(args);
        using var http = new HttpClient(new SocketsHttpHandler
        {
            UseProxy = false, AllowAutoRedirect = false, MaxConnectionsPerServer = s.Concurrency, AutomaticDecompression = DecompressionMethods.None,
        }) { Timeout = TimeSpan.FromMinutes(5), BaseAddress = s.Server };
        var nowMs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var totals = new Totals();
        var clock = Stopwatch.StartNew();

        long total;
        long fromMs, spanMs;
        if (s.Tail > 0)
        {
            total = s.Tail;
            spanMs = Math.Min(10 * 60_000L, s.Tail); // the last minutes, 1 ms apart at most
            fromMs = nowMs - spanMs - 60_000;
        }
        else
        {
            await SendAsync(http, CatalogBatch(nowMs - (long)s.Days * 86_400_000 - 60_000), Products, totals, CancellationToken.None);
            total = (long)s.Users * s.EventsPerUser;
            spanMs = (long)s.Days * 86_400_000;
            fromMs = nowMs - spanMs - 60_000;
        }
        Console.WriteLine(s.Tail > 0
            ? $"populate: {total:N0} tail events of {s.Users:N0} existing users, {s.Concurrency} senders x {s.Batch:N0}-event requests"
            : $"populate: {s.Users:N0} users, {total:N0} events over {s.Days} days (every user at least once, Zipf 0.9 on top), {s.Concurrency} senders x {s.Batch:N0}-event requests");

        var zipf = new Zipf(s.Users, 0.9);
        var productZipf = new Zipf(Products, 1.1);
        var batches = (total + s.Batch - 1) / s.Batch;
        long next = -1;
        using var done = new CancellationTokenSource();
        var progress = ProgressAsync(totals, total, clock, done.Token);
        var senders = Enumerable.Range(0, s.Concurrency).Select(_ => Task.Run(async () =>
        {
            var buffer = new ArrayBufferWriter<byte>(2 << 20);
            using var json = new Utf8JsonWriter(buffer, WriterOptions);
            for (var b = Interlocked.Increment(ref next); b < batches; b = Interlocked.Increment(ref next))
            {
                var first = b * s.Batch;
                var count = (int)Math.Min(s.Batch, total - first);
                var random = new Random(HashCode.Combine(s.Seed, b, s.Tail > 0));
                buffer.ResetWrittenCount();
                for (var i = first; i < first + count; i++)
                {
                    var user = s.Tail == 0 && i % s.EventsPerUser == 0 ? i / s.EventsPerUser + 1 : zipf.Next(random) + 1;
                    var id = s.Tail > 0 ? $"t{s.Seed}-{i}" : $"e{i}";
                    WriteEvent(json, buffer, random, productZipf, id, user, fromMs + spanMs * i / total);
                }
                await SendAsync(http, buffer.WrittenMemory, count, totals, CancellationToken.None).ConfigureAwait(false);
            }
        })).ToArray();
        await Task.WhenAll(senders);
        await done.CancelAsync();
        await progress;
        var seconds = clock.Elapsed.TotalSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"populate: done in {seconds:F1} s: {totals.Accepted:N0} accepted, {totals.Duplicates:N0} duplicates, {totals.Rejected:N0} rejected, {totals.Retries:N0} retries; {totals.Accepted / seconds:N0} events/s"));
        return totals.Rejected == 0 ? 0 : 1;
    }

    private static async Task ProgressAsync(Totals totals, long total, Stopwatch clock, CancellationToken ct)
    {
        try
        {
            while (true)
            {
                await Task.Delay(TimeSpan.FromSeconds(10), ct);
                var sent = Interlocked.Read(ref totals.Accepted) + Interlocked.Read(ref totals.Duplicates) + Interlocked.Read(ref totals.Rejected);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  [{clock.Elapsed.TotalSeconds,6:F0} s] {sent:N0}/{total:N0} events acknowledged ({100.0 * sent / total:F0}%), {sent / clock.Elapsed.TotalSeconds:N0} events/s, {totals.Retries:N0} retries"));
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private static async Task SendAsync(HttpClient http, ReadOnlyMemory<byte> payload, int count, Totals totals, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            using var content = new ReadOnlyMemoryContent(payload);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/x-ndjson");
            using var response = await http.PostAsync("v1/events", content, ct).ConfigureAwait(false);
            var body = await response.Content.ReadAsByteArrayAsync(ct).ConfigureAwait(false);
            if (response.StatusCode == HttpStatusCode.OK)
            {
                using var answer = JsonDocument.Parse(body);
                var root = answer.RootElement;
                var accepted = root.GetProperty("accepted").GetInt32();
                var duplicates = root.GetProperty("duplicates").GetInt32();
                var rejected = root.TryGetProperty("rejected", out var r) && r.ValueKind == JsonValueKind.Array ? r.GetArrayLength() : 0;
                Interlocked.Add(ref totals.Accepted, accepted);
                Interlocked.Add(ref totals.Duplicates, duplicates);
                Interlocked.Add(ref totals.Rejected, rejected);
                if (rejected > 0 && Interlocked.Increment(ref totals.Reported) <= 3)
                {
                    Console.Error.WriteLine($"populate: rejected: {r[0]}");
                }
                if (accepted + duplicates + rejected != count) throw new InvalidOperationException($"answer counts {accepted + duplicates + rejected} of {count} events");
                return;
            }
            if (response.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable && attempt < 600)
            {
                Interlocked.Increment(ref totals.Retries);
                await Task.Delay(response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1), ct).ConfigureAwait(false);
                continue;
            }
            throw new InvalidOperationException($"POST /v1/events answered {(int)response.StatusCode}: {System.Text.Encoding.UTF8.GetString(body)}");
        }
    }

    private static ReadOnlyMemory<byte> CatalogBatch(long tsMs)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using var json = new Utf8JsonWriter(buffer, WriterOptions);
        var random = new Random(7);
        for (var i = 0; i < Products; i++)
        {
            var top = Categories[i % Categories.Length];
            json.WriteStartObject();
            json.WriteString("id", $"p{i}");
            json.WriteString("type", "catalog.product");
            json.WriteNumber("ts", tsMs);
            json.WriteString("product", $"sku{i}");
            json.WriteStartObject("props");
            json.WriteString("title", $"商品{i}");
            json.WriteString("category", $"{top}/sub{i % 5}/leaf{i % 13}");
            json.WriteString("brand", $"brand{i % 97}");
            json.WriteNumber("price", Math.Round(10 + random.NextDouble() * random.NextDouble() * 5000, 2));
            json.WriteStartArray("labels");
            if (i % 7 == 0) json.WriteStringValue("国潮");
            else if (i % 11 == 0) json.WriteStringValue("新品");
            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndObject();
            EndLine(json, buffer);
        }
        return buffer.WrittenMemory;
    }

    /// <summary>One user event; the mix and fields of <see cref="SyntheticEvents.Stream"/>.</summary>
    private static void WriteEvent(Utf8JsonWriter json, ArrayBufferWriter<byte> buffer, Random random, Zipf productZipf, string id, long user, long tsMs)
    {
        var kind = random.Next(20);
        var product = $"sku{productZipf.Next(random)}";
        json.WriteStartObject();
        json.WriteString("id", id);
        json.WriteString("type", kind switch
        {
            < 5 => "live.product_click",
            < 8 => "live.like",
            < 10 => "live.comment",
            < 13 => "shop.view",
            < 15 => "live.heartbeat",
            < 16 => "live.join",
            < 18 => "shop.cart_add",
            _ => "shop.order",
        });
        json.WriteNumber("ts", tsMs);
        json.WriteStartObject("user");
        json.WriteString("viewerId", string.Create(CultureInfo.InvariantCulture, $"v{user}"));
        json.WriteEndObject();
        var live = kind < 10 || kind is 13 or 14 or 15;
        if (live) json.WriteString("room", string.Create(CultureInfo.InvariantCulture, $"room{user % 50}"));
        if (kind < 5 || kind is >= 10 and < 13 || kind is 16 or 17) json.WriteString("product", product);
        switch (kind)
        {
            case < 5:
                break;
            case < 8:
                json.WriteStartObject("props");
                json.WriteNumber("count", 1 + random.Next(5));
                json.WriteEndObject();
                break;
            case < 10:
                json.WriteStartObject("props");
                json.WriteString("text", Comments[random.Next(Comments.Length)]);
                json.WriteEndObject();
                break;
            case < 13:
                json.WriteStartObject("props");
                json.WriteNumber("durationMs", 2000 + random.Next(120_000));
                json.WriteEndObject();
                break;
            case < 15:
                break;
            case 15:
                json.WriteStartObject("props");
                json.WriteString("source", Sources[random.Next(Sources.Length)]);
                json.WriteEndObject();
                break;
            case < 18:
                json.WriteStartObject("props");
                json.WriteNumber("qty", 1);
                json.WriteEndObject();
                break;
            default:
                json.WriteStartObject("props");
                json.WriteString("orderId", "o" + id);
                json.WriteStartArray("items");
                json.WriteStartObject();
                json.WriteString("product", product);
                json.WriteNumber("qty", 1);
                json.WriteNumber("unitPrice", 99);
                json.WriteNumber("discount", 0);
                json.WriteEndObject();
                json.WriteEndArray();
                json.WriteNumber("total", 99);
                json.WriteEndObject();
                break;
        }
        json.WriteEndObject();
        EndLine(json, buffer);
    }

    private static void EndLine(Utf8JsonWriter json, ArrayBufferWriter<byte> buffer)
    {
        json.Flush();
        json.Reset();
        "\n"u8.CopyTo(buffer.GetSpan(1));
        buffer.Advance(1);
    }

    private static Settings Parse(string[] args)
    {
        string? Value(string name)
        {
            var at = Array.IndexOf(args, name);
            return at >= 0 && at + 1 < args.Length ? args[at + 1] : null;
        }
        int Int(string name, int fallback) => Value(name) is { } v ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;
        return new Settings(
            new Uri((Value("--server") ?? "http://127.0.0.1:5080").TrimEnd('/') + "/"),
            Int("--users", 1_000_000),
            Int("--events-per-user", 5),
            Int("--days", 30),
            Value("--tail") is { } tail ? long.Parse(tail, CultureInfo.InvariantCulture) : 0,
            Int("--batch", 5000),
            Int("--concurrency", 4),
            Int("--seed", 1));
    }

    private sealed class Totals
    {
        public long Accepted;
        public long Duplicates;
        public long Rejected;
        public long Retries;
        public long Reported;
    }
}
