using System.Diagnostics;
using LiveProfile.Engine.Partitioning;
using LiveProfile.Engine.Time;
using LiveProfile.Peers.Features;
using StackExchange.Redis;

namespace LiveProfile.Peers.Redis;

/// <summary>
/// `redis --port N`: the engine (no tags, default taxonomy), then the Flink-plus-Redis job against the
/// redis-server on that port, on the same stream; prints the table of ratios. The server must be
/// empty (bench/peer-redis.sh starts a fresh one).
/// </summary>
internal static class RedisPeer
{
    public static async Task<int> RunAsync(PeerSettings settings)
    {
        Progress.Line($"building the stream: {settings.Users:N0} users, {settings.History:N0} history events, {settings.Events:N0} measured events");
        var stream = PeerStream.Build(settings);
        var plain = EngineRun.Best(stream, tags: false);
        var tagged = EngineRun.Best(stream, tags: true) with { Host = null! }; // only the plain engine is kept, to compare with

        var options = new EngineOptions { Partitions = EngineRun.Partitions };
        var world = new PeerWorld(stream.Catalog.Select(c => c.Event), options.LocalUtcOffsetMinutes);
        var config = new ConfigurationOptions { EndPoints = { { "127.0.0.1", settings.Port } }, AbortOnConnectFail = true, AllowAdmin = true, SyncTimeout = 60_000, AsyncTimeout = 60_000 };
        using var redis = await ConnectionMultiplexer.ConnectAsync(config);
        var db = redis.GetDatabase();
        var server = redis.GetServer(redis.GetEndPoints()[0]);
        Progress.Line($"redis {server.Version} on port {settings.Port}");
        var anchor = EventTime.ToMinute(Benchmarks.SyntheticEvents.Start);
        var job = new RedisJob(db, new FeatureMapper(world, options), options.HalfLifeMinutes, options.LocalUtcOffsetMinutes, anchor);

        var watch = Stopwatch.StartNew();
        await job.RunAsync(stream.History);
        Progress.Line($"redis: history written, {stream.History.Sum(b => b.Count):N0} events in {watch.Elapsed.TotalSeconds:F1} s, {job.Sink.Commands:N0} commands");

        var before = await RedisInfo.ReadAsync(server);
        var commands = job.Sink.Commands;
        var meter = new CpuMeter();
        await job.RunAsync(stream.Measured);
        var (seconds, jobCores, machineCores) = (meter.Elapsed.TotalSeconds, meter.ProcessCores, meter.MachineCores);
        var after = await RedisInfo.ReadAsync(server);
        var rate = stream.MeasuredEvents / seconds;
        var perEvent = (job.Sink.Commands - commands) / (double)stream.MeasuredEvents;
        var serverCommands = (after.Commands - before.Commands) / seconds;
        var redisCores = (after.CpuSeconds - before.CpuSeconds) / seconds;
        Progress.Line($"redis: {rate:N0} events/s, {perEvent:F1} commands/event, {serverCommands:N0} commands/s executed by the server");
        var others = machineCores - jobCores - redisCores;
        Progress.Line($"redis: server {redisCores:F2} cores busy, job (mapping + client) {jobCores:F2} cores, other processes {others:F2}; used_memory {after.UsedMemory / (double)job.Users:N0} B/user");

        var parity = await RedisParity.CheckAsync(db, plain.Host, stream.SampleProfiles(100));
        Progress.Line($"parity: {parity}");
        var table = new ResultTable(plain, tagged);
        table.Add("Redis 7 + job, pipelined HINCRBY/HINCRBYFLOAT", rate, redisCores + jobCores, others,
            $"{serverCommands:N0} Redis commands/s ({perEvent:F1}/event); redis-server {redisCores:F2} cores, job {jobCores:F2} cores; " +
            $"{after.UsedMemory / (double)job.Users:N0} B/user in Redis; parity {parity.Matching}/{parity.Checked}");
        table.Print();
        table.PrintBracketed(EngineRun.Again(stream));
        return parity.Matching == parity.Checked ? 0 : 1;
    }
}
