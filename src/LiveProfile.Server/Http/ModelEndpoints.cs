using LiveProfile.Server.Models;

namespace LiveProfile.Server.Http;

/// <summary>
/// Customer-value models: <c>POST /v1/models/clv/fit</c> fits them over the live population, <c>GET /v1/models/clv</c>
/// serves the current version's parameters, <c>GET /v1/profiles/{id}/predictions</c> one profile's predictions from them.
/// </summary>
internal static class ModelEndpoints
{
    /// <summary>The longest prediction horizon asked for: ten years.</summary>
    public const int MaxHorizonDays = 3650;

    public static void MapModels(this IEndpointRouteBuilder app)
    {
        app.MapPost("/v1/models/clv/fit", FitAsync).WithName("FitClv").WithTags("models")
            .Accepts<ClvFitRequest>("application/json").Produces<ClvParameters>().ProducesProblem(409).ProducesProblem(415).ProducesProblem(422);
        app.MapGet("/v1/models/clv", Get).WithName("GetClv").WithTags("models").Produces<ClvParameters>().ProducesProblem(404);
        app.MapGet("/v1/profiles/{id}/predictions", PredictAsync).WithName("GetPredictions").WithTags("models")
            .Produces<PredictionsAnswer>().ProducesProblem(400).ProducesProblem(404);
    }

    private static async Task<IResult> FitAsync(HttpContext http, ClvModelService models, TenantResolver tenants, CancellationToken ct)
    {
        if (!tenants.TryResolve(http, out _, out var denied)) return denied!;
        var request = new ClvFitRequest(null);
        if (http.Request.ContentLength is not 0 && (http.Request.ContentLength is > 0 || http.Request.Headers.ContentType.Count > 0))
        {
            var (body, problem) = await JsonBodies.ReadAsync(http, ServerJson.Context.ClvFitRequest, ct).ConfigureAwait(false);
            if (problem is not null) return problem;
            request = body ?? request;
        }
        try
        {
            return Results.Json(await models.FitAsync(request.CalibrationEnd, ct).ConfigureAwait(false), ServerJson.Context.ClvParameters);
        }
        catch (ClvFitException ex)
        {
            return Problems.Of(ex.Code == "fit_in_progress" ? 409 : 422, ex.Code, ex.Message);
        }
    }

    private static IResult Get(HttpContext http, ClvModelService models, TenantResolver tenants)
    {
        if (!tenants.TryResolve(http, out _, out var denied)) return denied!;
        return models.Current is { } current
            ? Results.Json(current, ServerJson.Context.ClvParameters)
            : NotFitted();
    }

    private static async Task<IResult> PredictAsync(string id, int? horizonDays, HttpContext http, EngineRuntime runtime, ClvModelService models,
        TenantResolver tenants)
    {
        if (!tenants.TryResolve(http, out var tenant, out var denied)) return denied!;
        var horizon = horizonDays ?? 90;
        if (horizon is < 1 or > MaxHorizonDays) return Problems.Of(400, "invalid_horizon", $"horizonDays must be 1 to {MaxHorizonDays}");
        if (!ProfileEndpoints.TryLocate(id, tenant, runtime, out var profile, out var partition, out var problem)) return problem!;
        return await models.PredictAsync(profile, partition, horizon).ConfigureAwait(false) is { } answer
            ? Results.Json(answer, ServerJson.Context.PredictionsAnswer)
            : NotFitted();
    }

    private static IResult NotFitted() =>
        Problems.Of(404, "model_not_fitted", "no customer-value model has been fitted yet: POST /v1/models/clv/fit");
}
