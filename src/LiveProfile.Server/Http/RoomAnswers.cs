using System.Text.Json.Serialization;

namespace LiveProfile.Server.Http;

/// <summary>
/// <c>GET /v1/rooms/{room}</c>: the live audience. Counts below <see cref="MinGroupSize"/> are null and marked suppressed;
/// <see cref="Suppressed"/> says the whole room is below it (then nothing but that is shown). <see cref="AverageDwellSeconds"/>:
/// how long the present viewers have been in the room so far, on average (event time).
/// </summary>
internal sealed record RoomAnswer(string Room, DateTimeOffset? AsOf, int MinGroupSize,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] int? Viewers,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] int? NewViewers,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] int? ReturningViewers,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] double? AverageDwellSeconds,
    bool Suppressed, ShareAnswer[] Families, ShareAnswer[] Tags, int OtherTags, ShareAnswer[] Demand, SuggestionAnswer[] Suggestions,
    string? OnScreen, FunnelAnswer[] Funnel, RoomSegmentAnswer? Segment);

/// <summary>
/// One product's funnel in the room's latest session: people who had it on screen, clicked it, carted it and ordered it
/// while in the room, and orders per person who saw it. A stage below the minimum group size is null (suppressed).
/// </summary>
internal sealed record FunnelAnswer(string Product, string Title, bool Current,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] long? OnScreen,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] long? Clicked,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] long? Carted,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] long? Ordered,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] double? Conversion);

/// <summary>The segment the funnel was counted for, and how many of the room's viewers are in it.</summary>
internal sealed record RoomSegmentAnswer(string Expr, [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] int? Viewers);

/// <summary><c>GET /v1/rooms</c>: a room with viewers now (the count null below the minimum group size).</summary>
internal sealed record LiveRoomAnswer(string Room, [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] int? Viewers);

/// <summary>Viewers carrying a tag (or any tag of a family, or interested in a category) and their share of the room.</summary>
internal sealed record ShareAnswer(string Id, string Zh, string En, string? Family,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] int? Viewers,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] double? Share, bool? Suppressed);

/// <summary>A talk-track suggestion and the figures that triggered it.</summary>
internal sealed record SuggestionAnswer(string Id, string Zh, string En, SuggestionFigures Because);

internal sealed record SuggestionFigures(string Target, string? TargetZh, int Viewers, int OfViewers, double Share, double MinShare);
