using System.Globalization;
using StackExchange.Redis;

namespace LiveProfile.Peers.Redis;

/// <summary>The server's own counters (INFO): commands executed, CPU seconds used, memory.</summary>
internal readonly record struct RedisInfo(long Commands, double CpuSeconds, long UsedMemory)
{
    public static async Task<RedisInfo> ReadAsync(IServer server)
    {
        var text = await server.InfoRawAsync().ConfigureAwait(false) ?? "";
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in text.Split('\n'))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0) values[line[..colon]] = line[(colon + 1)..].Trim();
        }
        double Number(string key) => double.Parse(values[key], CultureInfo.InvariantCulture);
        return new RedisInfo((long)Number("total_commands_processed"), Number("used_cpu_user") + Number("used_cpu_sys"), (long)Number("used_memory"));
    }
}
