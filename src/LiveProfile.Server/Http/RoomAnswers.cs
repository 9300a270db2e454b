using System.Text.Json.Serialization;

namespace LiveProfile.Server.Http;

/// <summary>
/// <c>GET /v1/rooms/{room}</c>: the live audience. Counts below <see cref="MinGroupSize"/> are null and marked suppressed;
/// <see cref="Suppressed"/> says the whole room is below it (then nothing but that is shown).
/// </summary>
internal sealed record RoomAnswer(string Room, DateTimeOffset? AsOf, int MinGroupSize,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] int? Viewers,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] int? NewViewers,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] int? ReturningViewers,
    bool Suppressed, ShareAnswer[] Families, ShareAnswer[] Tags, int OtherTags, ShareAnswer[] Demand, SuggestionAnswer[] Suggestions);

/// <summary>Viewers carrying a tag (or any tag of a family, or interested in a category) and their share of the room.</summary>
internal sealed record ShareAnswer(string Id, string Zh, string En, string? Family,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] int? Viewers,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] double? Share, bool? Suppressed);

/// <summary>A talk-track suggestion and the figures that triggered it.</summary>
internal sealed record SuggestionAnswer(string Id, string Zh, string En, SuggestionFigures Because);

internal sealed record SuggestionFigures(string Target, string? TargetZh, int Viewers, int OfViewers, double Share, double MinShare);
