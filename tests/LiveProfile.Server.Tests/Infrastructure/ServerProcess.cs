using System.Diagnostics;

namespace LiveProfile.Server.Tests.Infrastructure;

/// <summary>The real <c>liveprofile serve</c> in a child process, so that it can be killed with SIGKILL.</summary>
internal sealed class ServerProcess : IDisposable
{
    private readonly Process _process;

    private ServerProcess(Process process, string url)
    {
        _process = process;
        Url = url;
    }

    public string Url { get; }
    public bool HasExited => _process.HasExited;

    /// <param name="arguments">More arguments for <c>serve</c> (e.g. <c>--demo</c>).</param>
    public static ServerProcess Start(string dataDirectory, IDictionary<string, string>? environment = null, params string[] arguments)
    {
        var url = $"http://127.0.0.1:{FreePort.Next()}";
        var cli = Path.Combine(AppContext.BaseDirectory, "liveprofile.dll");
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { cli, "serve", "--data", dataDirectory, "--urls", url },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.Environment["LIVEPROFILE_SILOPORT"] = FreePort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["LIVEPROFILE_GATEWAYPORT"] = FreePort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        if (environment is not null) foreach (var (k, v) in environment) start.Environment[k] = v;
        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start liveprofile");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) LastErrors.Enqueue(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new ServerProcess(process, url);
    }

    public static System.Collections.Concurrent.ConcurrentQueue<string> LastErrors { get; } = new();

    /// <summary>Waits for <c>/health</c> to answer 200, or fails with what the process printed.</summary>
    public async Task WaitHealthyAsync(HttpClient http, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited) throw new InvalidOperationException($"server exited with {_process.ExitCode}: {string.Join('\n', LastErrors.TakeLast(20))}");
            try
            {
                using var response = await http.GetAsync(Url + "/health");
                if (response.IsSuccessStatusCode) return;
            }
            catch (HttpRequestException)
            {
            }
            await Task.Delay(50);
        }
        throw new TimeoutException($"server not healthy after {timeout}: {string.Join('\n', LastErrors.TakeLast(20))}");
    }

    /// <summary>SIGKILL: no shutdown hooks, no final checkpoint, no flush.</summary>
    public void Kill()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    /// <summary>SIGTERM-like graceful stop via Ctrl-C semantics is not portable here; tests use Kill or wait for exit.</summary>
    public int WaitForExit(TimeSpan timeout)
    {
        if (!_process.WaitForExit(timeout)) throw new TimeoutException("server did not exit");
        return _process.ExitCode;
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }
}
