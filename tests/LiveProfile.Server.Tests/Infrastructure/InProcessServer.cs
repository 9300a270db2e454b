using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Builder;

namespace LiveProfile.Server.Tests.Infrastructure;

/// <summary>A real LiveProfile server (Kestrel + Orleans silo) in this process, on free loopback ports.</summary>
internal sealed class InProcessServer : IAsyncDisposable
{
    private InProcessServer(WebApplication app, string url)
    {
        App = app;
        Url = url;
        Http = new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(60) };
    }

    public WebApplication App { get; }
    public string Url { get; }
    public HttpClient Http { get; }

    public static async Task<InProcessServer> StartAsync(string dataDirectory, Action<ServerOptions>? configure = null)
    {
        // A free port is only free until someone else binds it (parallel tests, the crash test's
        // child process): on "address already in use", start again on other ports.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await StartOnFreePortsAsync(dataDirectory, configure);
            }
            catch (Exception ex) when (attempt < 5 && IsAddressInUse(ex))
            {
            }
        }
    }

    private static bool IsAddressInUse(Exception? ex)
    {
        for (; ex is not null; ex = ex.InnerException)
        {
            if (ex is System.Net.Sockets.SocketException { SocketErrorCode: System.Net.Sockets.SocketError.AddressAlreadyInUse }) return true;
            if (ex is AggregateException aggregate && aggregate.InnerExceptions.Any(IsAddressInUse)) return true;
        }
        return false;
    }

    private static async Task<InProcessServer> StartOnFreePortsAsync(string dataDirectory, Action<ServerOptions>? configure)
    {
        var url = $"http://127.0.0.1:{FreePort.Next()}";
        var app = LiveProfileServer.Build([], o =>
        {
            o.DataDirectory = dataDirectory;
            o.SiloPort = FreePort.Next();
            o.GatewayPort = FreePort.Next();
            o.CheckpointInterval = TimeSpan.FromHours(1);
            configure?.Invoke(o);
        }, url);
        try
        {
            await app.StartAsync();
        }
        catch
        {
            await app.DisposeAsync(); // a failed start must not leave a silo or file locks behind
            throw;
        }
        return new InProcessServer(app, url);
    }

    public async Task<HttpResponseMessage> PostNdjsonAsync(IEnumerable<string> lines)
    {
        var content = new StringContent(string.Join('\n', lines), Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-ndjson");
        return await Http.PostAsync("/v1/events", content);
    }

    /// <summary>Waits until every durable event is applied to the partitions.</summary>
    public Task WaitAppliedAsync() =>
        ((EngineRuntime)App.Services.GetService(typeof(EngineRuntime))!).Pipeline.WaitAppliedAsync(CancellationToken.None);

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
    }
}
