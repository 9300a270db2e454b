using LiveProfile.Server.Tests.Infrastructure;
using LiveProfile.Storage.Checkpoints;
using LiveProfile.Storage.Log;

namespace LiveProfile.Server.Tests.Durability;

/// <summary>
/// Issue 2, "must show": a flipped byte inside a log segment or inside a checkpoint stops the
/// server from starting, with an error naming the file (never silently skipped).
/// </summary>
public sealed class CorruptionTests
{
    private static async Task<string> IngestAndStopAsync(TempDirectory dir, bool checkpoint)
    {
        await using var server = await InProcessServer.StartAsync(dir.Path);
        for (var batch = 0; batch < 5; batch++)
        {
            var response = await server.PostNdjsonAsync(Enumerable.Range(0, 200).Select(i => Json.Like($"b{batch}-{i}", $"v{i % 37}")));
            response.EnsureSuccessStatusCode();
        }
        await server.WaitAppliedAsync();
        if (checkpoint) await server.App.CheckpointAsync();
        return dir.Path;
    }

    [Fact]
    public async Task Start_FlippedByteInsideALogRecord_FailsClosedNamingFileAndOffset()
    {
        using var dir = new TempDirectory();
        await IngestAndStopAsync(dir, checkpoint: false);
        // The final checkpoint at stop covers the log; remove it so that the start must read the log.
        Directory.Delete(Path.Combine(dir.Path, "checkpoints"), recursive: true);
        var segment = Directory.GetFiles(Path.Combine(dir.Path, "log"), "*.seg").OrderBy(f => f).First();
        var bytes = await File.ReadAllBytesAsync(segment);
        var offset = bytes.Length / 2;
        bytes[offset] ^= 0x40;
        await File.WriteAllBytesAsync(segment, bytes);

        var error = await Assert.ThrowsAnyAsync<Exception>(() => InProcessServer.StartAsync(dir.Path));
        var corrupted = FindInner<LogCorruptedException>(error);
        Assert.Contains(Path.GetFileName(segment), corrupted.Message, StringComparison.Ordinal);
        Assert.Contains("offset", corrupted.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Start_FlippedByteInsideAPartitionCheckpoint_FailsClosedNamingTheFile()
    {
        using var dir = new TempDirectory();
        await IngestAndStopAsync(dir, checkpoint: true);
        var checkpoint = Directory.GetFiles(Path.Combine(dir.Path, "checkpoints"), "partition-*.ckpt")
            .OrderByDescending(f => new FileInfo(f).Length).First();
        var bytes = await File.ReadAllBytesAsync(checkpoint);
        bytes[bytes.Length - 10] ^= 0x01;
        await File.WriteAllBytesAsync(checkpoint, bytes);

        var error = await Assert.ThrowsAnyAsync<Exception>(() => InProcessServer.StartAsync(dir.Path));
        var corrupted = FindInner<CheckpointCorruptedException>(error);
        Assert.Contains(Path.GetFileName(checkpoint), corrupted.Message, StringComparison.Ordinal);
    }

    private static T FindInner<T>(Exception error) where T : Exception
    {
        for (Exception? e = error; e is not null; e = e.InnerException)
        {
            if (e is T found) return found;
            if (e is AggregateException aggregate)
            {
                foreach (var inner in aggregate.InnerExceptions)
                {
                    try
                    {
                        return FindInner<T>(inner);
                    }
                    catch (Xunit.Sdk.XunitException)
                    {
                    }
                }
            }
        }
        throw new Xunit.Sdk.XunitException($"expected a {typeof(T).Name} in: {error}");
    }
}
