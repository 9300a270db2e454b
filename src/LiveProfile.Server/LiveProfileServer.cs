using LiveProfile.Engine.Contract;
using LiveProfile.Engine.Tags;
using System.Net;
using LiveProfile.Engine.Partitioning;
using LiveProfile.Server.Checkpoints;
using LiveProfile.Server.Http;
using LiveProfile.Server.Telemetry;
using OpenTelemetry.Metrics;

namespace LiveProfile.Server;

/// <summary>
/// Builds the LiveProfile server: a single Orleans silo in this process (localhost clustering)
/// hosting the partition grains, the ingest pipeline, and the HTTP API.
/// </summary>
public static class LiveProfileServer
{
    /// <summary>
    /// Configuration: appsettings.json, section <c>LiveProfile</c>; then environment variables
    /// <c>LIVEPROFILE_*</c> (e.g. <c>LIVEPROFILE_DATADIRECTORY</c>); then <paramref name="overrides"/> (command-line flags).
    /// </summary>
    public static WebApplication Build(string[] args, Action<ServerOptions>? overrides = null, string urls = "http://127.0.0.1:5080")
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        builder.WebHost.UseUrls(urls);
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = 8 * 1024 * 1024);
        // One options object, bound once: the engine settings below are derived from it before the host exists.
        var environment = new ConfigurationBuilder().AddEnvironmentVariables("LIVEPROFILE_").Build();
        var options = new ServerOptions();
        builder.Configuration.GetSection(ServerOptions.Section).Bind(options);
        environment.Bind(options);
        overrides?.Invoke(options);
        options.Validate();
        builder.Services.AddSingleton(Microsoft.Extensions.Options.Options.Create(options));
        var layout = new DataLayout(options.DataDirectory);
        var classifier = new Ingest.TextCommentClassifier();
        var engineOptions = layout.LoadOrCreateEngineOptions(options.Partitions, classifier);
        var taxonomies = new Tags.TaxonomyStore(layout.Taxonomy);
        var changes = new TagChangeHub(options.ChangeFeedRetained);

        builder.Services.AddSingleton(engineOptions);
        builder.Services.AddSingleton(new LiveProfile.Cluster.PartitionCounts(engineOptions.Partitions));
        builder.Services.AddSingleton<ICommentIntentClassifier>(classifier);
        builder.Services.AddSingleton(taxonomies);
        builder.Services.AddSingleton(changes);
        builder.Services.AddSingleton(new TagRuntime(engineOptions.Partitions, taxonomies.LoadCurrent(), changes));
        builder.Services.AddSingleton<Tags.TaxonomyUpdater>();
        builder.Services.AddSingleton(new Segments.SegmentStore(layout.Segments));
        builder.Services.AddSingleton<Segments.SegmentService>();
        builder.Services.AddSingleton(Rooms.TalkTrackRules.LoadOrCreate(layout.Root));
        builder.Services.AddSingleton<Rooms.RoomService>();
        builder.Services.AddSingleton(sp => Rooms.ViewVariants.LoadOrCreate(layout.Root, sp.GetRequiredService<TagRuntime>().Current));
        builder.Services.AddSingleton(new Models.VersionedModelStore<Models.ClvParameters>(layout.Models, ServerJson.Context.ClvParameters));
        builder.Services.AddSingleton<Models.ClvModelService>();
        builder.Services.AddSingleton(sp => new Models.ItemNeighborService(sp.GetRequiredService<EngineRuntime>(), layout.ItemModels,
            sp.GetRequiredService<ILogger<Models.ItemNeighborService>>()));
        builder.Services.AddSingleton(sp => new Models.ChurnModelService(sp.GetRequiredService<EngineRuntime>(), layout.ChurnModels,
            sp.GetRequiredService<ILogger<Models.ChurnModelService>>()));
        builder.Services.AddSingleton(new FileCheckpointStore(layout.Checkpoints));
        builder.Services.AddSingleton<IPartitionStateStore>(sp => sp.GetRequiredService<FileCheckpointStore>());
        builder.Services.AddSingleton<IngestMetrics>();
        builder.Services.AddSingleton<TenantResolver>();
        builder.Services.AddSingleton<EngineRuntime>();
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolverChain.Insert(0, ServerJson.Context));
        // Answers the framework makes itself (404 of an unknown route, 405, 415 of a content type an endpoint does not
        // accept) become ProblemDetails with a code too, as clients branch on it.
        builder.Services.AddProblemDetails(o => o.CustomizeProblemDetails = c =>
            c.ProblemDetails.Extensions.TryAdd("code", Http.Problems.CodeFor(c.ProblemDetails.Status ?? c.HttpContext.Response.StatusCode)));
        builder.Services.AddOpenApi();
        builder.Services.AddOpenTelemetry().WithMetrics(m => m
            .AddMeter(IngestMetrics.MeterName)
            .AddRuntimeInstrumentation()
            .AddPrometheusExporter());

        builder.UseOrleans(silo => silo
            .UseLocalhostClustering(options.SiloPort, options.GatewayPort, serviceId: "liveprofile", clusterId: "embedded")
            .Configure<Orleans.Configuration.EndpointOptions>(e => e.AdvertisedIPAddress = IPAddress.Loopback));
        // Registered after the silo: starts once grains can be called, and before Kestrel listens.
        builder.Services.AddHostedService(sp => sp.GetRequiredService<EngineRuntime>());
        builder.Services.AddHostedService<Models.ModelRefitSchedule>();
        builder.Services.AddSingleton<Matching.IdentityMatchingService>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<Matching.IdentityMatchingService>());

        var app = builder.Build();
        // Saved segments go into the tag runtime before any event is applied, so that no membership change goes unpublished.
        app.Services.GetRequiredService<Segments.SegmentService>();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.MapOpenApi();
        app.MapPrometheusScrapingEndpoint("/metrics");
        app.MapHealth();
        app.MapEvents();
        app.MapProfiles();
        app.MapIdentity();
        app.MapUnmerge();
        app.MapLink();
        app.MapCandidates();
        app.MapExplain();
        app.MapTaxonomy();
        app.MapChanges();
        app.MapQuarantine();
        app.MapSegments();
        app.MapRooms();
        app.MapModels();
        app.MapVariants();
        app.MapRecommendations();
        app.MapInvitations();
        app.MapDashboard();
        return app;
    }

    /// <summary>Forces a checkpoint now (admin and tests).</summary>
    public static Task<long> CheckpointAsync(this WebApplication app, CancellationToken ct = default) =>
        app.Services.GetRequiredService<EngineRuntime>().CheckpointAsync(ct);
}
