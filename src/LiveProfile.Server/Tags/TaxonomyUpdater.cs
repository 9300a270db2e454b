using LiveProfile.Engine.Tags;
using LiveProfile.Engine.Tags.Taxonomy;

namespace LiveProfile.Server.Tags;

/// <summary>
/// Replaces the taxonomy in force: saves the new version durably, then installs it (partitions
/// backfill it, stepped by the apply loop even while no events arrive). One replacement at a time, so that version numbers are installed in the order
/// they were saved (<see cref="TagRuntime.Install"/> refuses an older version).
/// </summary>
internal sealed partial class TaxonomyUpdater(TaxonomyStore store, TagRuntime tags, EngineRuntime runtime, ILogger<TaxonomyUpdater> logger)
{
    private readonly Lock _gate = new();

    /// <summary>Compiles <paramref name="yaml"/> as the next version; when it compiles, saves and installs it.</summary>
    public TaxonomyCompilation Replace(string yaml)
    {
        lock (_gate)
        {
            var compilation = store.Save(yaml, tags.Current.Version);
            if (compilation.Taxonomy is not { } taxonomy) return compilation;
            tags.Install(taxonomy);
            runtime.Pipeline.Wake(); // an idle server backfills now, not at its next event
            LogInstalled(logger, taxonomy.Version, taxonomy.Tags.Count);
            return compilation;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Taxonomy v{Version} saved and installed ({Tags} tags); backfilling every profile")]
    private static partial void LogInstalled(ILogger logger, int version, int tags);
}
