using LiveProfile.Server.Models;

namespace LiveProfile.Server.Http;

/// <summary>
/// Customer-value models: <c>POST /v1/models/clv/fit</c> fits them over the live population, <c>GET /v1/models/clv</c>
/// serves the current version's parameters, <c>GET /v1/profiles/{id}/predictions</c> one profile's predictions from them;
/// <c>POST /v1/models/churn/fit</c> and <c>GET /v1/models/churn</c> the churn classifier and its evaluation.
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
        app.MapPost("/v1/models/churn/fit", FitChurnAsync).WithName("FitChurn").WithTags("models")
            .Produces<ChurnModelAnswer>().ProducesProblem(409).ProducesProblem(422);
        app.MapGet("/v1/models/churn", GetChurn).WithName("GetChurn").WithTags("models").Produces<ChurnModelAnswer>().ProducesProblem(404);
        app.MapGet("/v1/profiles/{id}/predictions", PredictAsync).WithName("GetPredictions").WithTags("models")
            .WithDescription("Customer value (null before a fit), churn risk (null before a fit) and the next purchase per category from the profile's repurchase cycles.")
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
        catch (ModelFitException ex)
        {
            return Problems.Of(ex.Code == "fit_in_progress" ? 409 : 422, ex.Code, ex.Message);
        }
    }

    private static async Task<IResult> FitChurnAsync(HttpContext http, ChurnModelService churn, TenantResolver tenants, CancellationToken ct)
    {
        if (!tenants.TryResolve(http, out _, out var denied)) return denied!;
        try
        {
            return Results.Json(await churn.FitAsync(ct).ConfigureAwait(false), ServerJson.Context.ChurnModelAnswer);
        }
        catch (ModelFitException ex)
        {
            return Problems.Of(ex.Code == "fit_in_progress" ? 409 : 422, ex.Code, ex.Message);
        }
    }

    private static IResult GetChurn(HttpContext http, ChurnModelService churn, TenantResolver tenants)
    {
        if (!tenants.TryResolve(http, out _, out var denied)) return denied!;
        return churn.Current is { } current
            ? Results.Json(current, ServerJson.Context.ChurnModelAnswer)
            : Problems.Of(404, "model_not_fitted", "no churn model has been fitted yet: POST /v1/models/churn/fit");
    }

    private static IResult Get(HttpContext http, ClvModelService models, TenantResolver tenants)
    {
        if (!tenants.TryResolve(http, out _, out var denied)) return denied!;
        return models.Current is { } current
            ? Results.Json(current, ServerJson.Context.ClvParameters)
            : NotFitted();
    }

    private static async Task<IResult> PredictAsync(string id, int? horizonDays, HttpContext http, EngineRuntime runtime, ClvModelService clv,
        ChurnModelService churn, TenantResolver tenants)
    {
        if (!tenants.TryResolve(http, out var tenant, out var denied)) return denied!;
        var horizon = horizonDays ?? 90;
        if (horizon is < 1 or > MaxHorizonDays) return Problems.Of(400, "invalid_horizon", $"horizonDays must be 1 to {MaxHorizonDays}");
        if (!ProfileEndpoints.TryLocate(id, tenant, runtime, out var profile, out var partition, out var problem)) return problem!;
        var grain = runtime.Partitions.Grain(partition);
        var buying = await grain.RepeatBuyingOf(profile).ConfigureAwait(false);
        var scores = await grain.ModelScores(profile).ConfigureAwait(false);
        ChurnPrediction? churnRisk = churn.Current is { } fitted
            ? new ChurnPrediction(fitted.Version, scores?.TryGetValue(ChurnModelService.RiskScore, out var risk) == true ? risk : null)
            : null;
        var asOf = buying?.Today is { } today ? PopulationClock.DateOf(today) : (DateOnly?)null;
        var cycles = await grain.RepurchaseCycles(profile).ConfigureAwait(false) ?? [];
        var next = cycles.Select(c => new NextPurchase(c.Category, c.OrderDays, PopulationClock.DateOf(c.LastDay), c.MedianGapDays,
            PopulationClock.DateOf(c.ExpectedDay), buying?.Today is { } now ? c.ExpectedDay - now : 0)).ToArray();
        return Results.Json(new PredictionsAnswer($"profile:{profile:x16}", asOf, horizon, clv.Predict(buying, horizon), churnRisk, next),
            ServerJson.Context.PredictionsAnswer);
    }

    private static IResult NotFitted() =>
        Problems.Of(404, "model_not_fitted", "no customer-value model has been fitted yet: POST /v1/models/clv/fit");
}
