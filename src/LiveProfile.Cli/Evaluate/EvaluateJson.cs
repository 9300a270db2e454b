using System.Text.Json;
using System.Text.Json.Serialization;

namespace LiveProfile.Cli.Evaluate;

/// <summary>The parts of the server's answers and of the ground-truth file that the quality report reads.</summary>
internal sealed record TruthLine(string Person, string? Account, string Viewer, bool Unlinked, string[] Traits, string[] Tags);

internal sealed record TaxonomyTags(int Version, IReadOnlyList<TaxonomyTag> Tags);

internal sealed record TaxonomyTag(string Id, string Family, string Source);

internal sealed record ProfileTags(string ProfileId, IReadOnlyList<ProfileTag> Tags);

internal sealed record ProfileTag(string Id, double Weight);

internal sealed record ExplainSummary(bool Holds, string Summary);

internal sealed record HealthState(string Status, long LastLsn, long AppliedLsn, bool TagWorkPending);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(TruthLine))]
[JsonSerializable(typeof(TaxonomyTags))]
[JsonSerializable(typeof(ProfileTags))]
[JsonSerializable(typeof(ExplainSummary))]
[JsonSerializable(typeof(HealthState))]
internal sealed partial class EvaluateJsonContext : JsonSerializerContext;
