using System.Text.Json;
using LiveProfile.Engine.Tags;
using LiveProfile.Engine.Tags.Taxonomy;
using LiveProfile.Server.Tags;

namespace LiveProfile.Server.Http;

/// <summary>
/// The taxonomy: read it (JSON, or the YAML source), validate a candidate, replace it (a new
/// version, saved durably, then backfilled over every profile) and follow the backfill.
/// </summary>
internal static class TaxonomyEndpoints
{
    private const string BackfillUrl = "/v1/taxonomy/backfill";
    private const string YamlContentType = "application/yaml; charset=utf-8";

    public static void MapTaxonomy(this IEndpointRouteBuilder app)
    {
        app.MapGet("/v1/taxonomy", Get).WithName("GetTaxonomy").WithTags("tags")
            .WithDescription("The taxonomy in force as JSON; with Accept: application/yaml or ?format=yaml, its YAML source.")
            .Produces<TaxonomyAnswer>().ProducesProblem(400);
        app.MapPost("/v1/taxonomy/validate", ValidateAsync).WithName("ValidateTaxonomy").WithTags("tags")
            .Accepts<string>(YamlBody.MediaTypes[0], YamlBody.MediaTypes[1..])
            .Produces<ValidationAnswer>().ProducesProblem(400).ProducesProblem(413).ProducesProblem(415);
        app.MapPut("/v1/taxonomy", ReplaceAsync).WithName("ReplaceTaxonomy").WithTags("tags")
            .Accepts<string>(YamlBody.MediaTypes[0], YamlBody.MediaTypes[1..])
            .Produces<TaxonomyAccepted>(202).ProducesProblem(400).ProducesProblem(413).ProducesProblem(415).ProducesProblem(422);
        app.MapGet(BackfillUrl, Backfill).WithName("GetTaxonomyBackfill").WithTags("tags").Produces<BackfillAnswer>();
    }

    private static IResult Get(HttpContext http, TenantResolver tenants, TagRuntime tags, string? format)
    {
        if (!tenants.TryResolve(http, out _, out var denied)) return denied!;
        bool yaml;
        switch (format?.ToLowerInvariant())
        {
            case null:
                yaml = http.Request.GetTypedHeaders().Accept.Any(a => YamlBody.IsYaml(a.MediaType.Value) && a.MediaType.Value != "text/plain");
                break;
            case "yaml":
                yaml = true;
                break;
            case "json":
                yaml = false;
                break;
            default:
                return Problems.Of(400, "invalid_format", "format is json or yaml");
        }
        var taxonomy = tags.Current;
        return yaml
            ? Results.Text(taxonomy.Source, YamlContentType)
            : Results.Json(TaxonomyAnswer.From(taxonomy, tags.Backfill), ServerJson.Context.TaxonomyAnswer);
    }

    /// <summary>A validation service: an invalid taxonomy is a 200 with its diagnostics, not an error.</summary>
    private static async Task<IResult> ValidateAsync(HttpContext http, TenantResolver tenants, TagRuntime tags, CancellationToken ct)
    {
        if (!tenants.TryResolve(http, out _, out var denied)) return denied!;
        var (yaml, problem) = await ReadAsync(http, ct).ConfigureAwait(false);
        if (yaml is null) return problem!;
        var compilation = TaxonomyCompiler.Compile(yaml, tags.Current.Version + 1, assignKeys: false);
        return Results.Json(ValidationAnswer.From(compilation), ServerJson.Context.ValidationAnswer);
    }

    private static async Task<IResult> ReplaceAsync(HttpContext http, TenantResolver tenants, TaxonomyUpdater updater, TagRuntime tags, CancellationToken ct)
    {
        if (!tenants.TryResolve(http, out _, out var denied)) return denied!;
        var (yaml, problem) = await ReadAsync(http, ct).ConfigureAwait(false);
        if (yaml is null) return problem!;
        var compilation = updater.Replace(yaml);
        if (compilation.Taxonomy is not { } taxonomy)
        {
            return Problems.Of(422, "taxonomy_invalid", $"the taxonomy has {compilation.Diagnostics.Count} problem(s); nothing was saved",
                // Serialized here with the answers' options (nulls left out), not the problem writer's.
                [new("diagnostics", JsonSerializer.SerializeToElement(DiagnosticAnswer.From(compilation.Diagnostics),
                    ServerJson.Context.DiagnosticAnswerArray))]);
        }
        http.Response.Headers.Location = BackfillUrl;
        var answer = new TaxonomyAccepted(taxonomy.Version, taxonomy.Tags.Count, BackfillAnswer.From(tags.Backfill), BackfillUrl);
        return Results.Json(answer, ServerJson.Context.TaxonomyAccepted, statusCode: 202);
    }

    private static IResult Backfill(HttpContext http, TenantResolver tenants, TagRuntime tags) =>
        tenants.TryResolve(http, out _, out var denied)
            ? Results.Json(BackfillAnswer.From(tags.Backfill), ServerJson.Context.BackfillAnswer)
            : denied!;

    private static Task<(string? Text, IResult? Problem)> ReadAsync(HttpContext http, CancellationToken ct) =>
        YamlBody.ReadAsync(http.Request, TaxonomyLimits.Default.MaxBytes, "taxonomy_too_large", ct);
}
