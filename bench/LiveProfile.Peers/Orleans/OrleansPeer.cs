using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using LiveProfile.Engine.Partitioning;
using LiveProfile.Peers.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;

namespace LiveProfile.Peers.Orleans;

/// <summary>
/// `orleans`: the engine (no tags, default taxonomy), then one grain per user and one per live room (the room's
/// audience and funnels, which the engine keeps too) in an in-process silo (localhost clustering, as the embedded
/// server runs) on the same stream, driven one call per event
/// and then, on a fresh silo, one call per user per batch; prints the table of ratios and the
/// managed heap per grain.
/// </summary>
internal static class OrleansPeer
{
    public static async Task<int> RunAsync(PeerSettings settings)
    {
        Progress.Line($"building the stream: {settings.Users:N0} users, {settings.History:N0} history events, {settings.Events:N0} measured events");
        var stream = PeerStream.Build(settings);
        var plain = EngineRun.Best(stream, tags: false);
        var tagged = EngineRun.Best(stream, tags: true) with { Host = null! }; // only the plain engine is kept, to compare with

        var table = new ResultTable(plain, tagged);
        foreach (var perUser in new[] { false, true })
        {
            var run = await RunSiloAsync(stream, plain, perUser);
            table.Add(perUser ? "Orleans, grain per user and per room, one call per user per batch" : "Orleans, grain per user and per room, one call per event", run.EventsPerSecond, run.Cores, run.OtherCores,
                $"{run.Calls:N0} user and {run.RoomCalls:N0} room calls; heap {run.HeapPerGrain:N0} B/grain ({run.HeapPerGrain / plain.HeapPerProfile:F1}× the engine's per profile); " +
                $"parity {run.Parity.Matching}/{run.Parity.Checked} profiles, {run.Rooms.Matching}/{run.Rooms.Checked} rooms");
        }
        table.Print();
        table.PrintBracketed(EngineRun.Again(stream));
        return 0;
    }

    private static async Task<SiloRun> RunSiloAsync(PeerStream stream, EngineResult engine, bool perUser)
    {
        var name = perUser ? "orleans (per user)" : "orleans (per event)";
        var options = new EngineOptions { Partitions = EngineRun.Partitions };
        var world = new PeerWorld(stream.Catalog.Select(c => c.Event), options.LocalUtcOffsetMinutes);
        var builder = Host.CreateApplicationBuilder();
        // Errors only: the forced full collections between phases stall the thread pool for seconds,
        // which the silo's health monitor and timers report as warnings.
        builder.Logging.SetMinimumLevel(LogLevel.Error);
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(new FeatureMapper(world, options));
        builder.Services.AddSingleton(new ProfileStripes(options.Partitions));
        builder.Services.AddSingleton(world);
        var roomCalls = new RoomCalls();
        builder.Services.AddSingleton(roomCalls);
        builder.UseOrleans(silo => silo
            .UseLocalhostClustering(FreePort(), FreePort(), serviceId: "peers", clusterId: "peers")
            .Configure<EndpointOptions>(e => e.AdvertisedIPAddress = IPAddress.Loopback)
            // State is in memory only, so no grain may be collected while the run lasts.
            .Configure<GrainCollectionOptions>(c => c.CollectionAge = TimeSpan.FromDays(1)));
        using var host = builder.Build();
        await host.StartAsync();
        var grains = host.Services.GetRequiredService<IGrainFactory>();
        var driver = new GrainDriver(grains, perUser);
        var heapBefore = Heap.Collect();
        Progress.Line($"{name}: silo started");

        var watch = Stopwatch.StartNew();
        await driver.RunAsync(stream.History);
        Progress.Line($"{name}: history applied, {stream.History.Sum(b => b.Count):N0} events in {watch.Elapsed.TotalSeconds:F1} s");
        Heap.Collect();
        var (calls, roomCallsBefore) = (driver.Calls, roomCalls.Count);
        var meter = new CpuMeter();
        await driver.RunAsync(stream.Measured);
        var (rate, cores, others) = (stream.MeasuredEvents / meter.Elapsed.TotalSeconds, meter.ProcessCores, meter.MachineCores - meter.ProcessCores);
        var activations = await grains.GetGrain<IManagementGrain>(0).GetTotalActivationCount();
        var heapPerGrain = (Heap.Collect() - heapBefore) / (double)driver.Users;
        var roomCallCount = roomCalls.Count - roomCallsBefore;
        Progress.Line($"{name}: {rate:N0} events/s on {cores:F2} cores (other processes: {others:F2}), {driver.Calls - calls:N0} user and {roomCallCount:N0} room calls; {driver.Users:N0} user grains ({activations:N0} activations), heap {heapPerGrain:N0} B/grain");

        var parity = await ProfileParity.CheckAsync(grains, engine.Host, world.World, stream.SampleProfiles(100));
        var rooms = await RoomParity.CheckAsync(grains, engine.Host, world, stream.Rooms);
        Progress.Line($"{name}: parity: {parity}; {rooms}");
        await host.StopAsync();
        return new SiloRun(rate, cores, others, driver.Calls - calls, roomCallCount, heapPerGrain, parity, rooms);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private sealed record SiloRun(double EventsPerSecond, double Cores, double OtherCores, long Calls, long RoomCalls, double HeapPerGrain, Parity Parity, Parity Rooms);
}
