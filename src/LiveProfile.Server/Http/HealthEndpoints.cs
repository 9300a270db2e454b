using LiveProfile.Cluster;

namespace LiveProfile.Server.Http;

/// <summary><c>/health</c>: 200 when recovered and applying, 503 otherwise, with the log positions that tell why.</summary>
internal static class HealthEndpoints
{
    public static void MapHealth(this IEndpointRouteBuilder app) =>
        app.MapGet("/health", Health).WithName("Health").WithTags("operations").Produces<HealthAnswer>().Produces<HealthAnswer>(503);

    private static IResult Health(EngineRuntime runtime, PartitionCounts counts)
    {
        if (!runtime.Ready)
        {
            return Results.Json(new HealthAnswer("starting", 0, 0, 0, 0, runtime.EngineOptions.Partitions, 0, null, false), ServerJson.Context.HealthAnswer,
                statusCode: 503);
        }
        var p = runtime.Pipeline;
        var answer = new HealthAnswer(p.Healthy ? "ok" : "failed", runtime.Log.LastLsn, runtime.Log.DurableLsn, p.Dispatcher.AppliedLsn,
            p.LastCheckpointLsn, runtime.EngineOptions.Partitions, counts.Profiles, p.FailureReason, runtime.Tags.HasPendingWork);
        return Results.Json(answer, ServerJson.Context.HealthAnswer, statusCode: p.Healthy ? 200 : 503);
    }
}

/// <param name="Profiles">Profiles held by the partitions, as of their last batch.</param>
/// <param name="TagWorkPending">A taxonomy backfill or a day's sweep of time-driven tags is still running: tags are settling.</param>
internal sealed record HealthAnswer(string Status, long LastLsn, long DurableLsn, long AppliedLsn, long CheckpointLsn, int Partitions, long Profiles,
    string? Failure, bool TagWorkPending);
