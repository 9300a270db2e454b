using System.Text.Json;
using System.Text.Json.Serialization;
using LiveProfile.Engine.Contract;
using LiveProfile.Engine.Views;
using LiveProfile.Server.Http;
using LiveProfile.Server.Ingest;
using LiveProfile.Server.Matching;

namespace LiveProfile.Server;

/// <summary>Source-generated JSON for every answer: no reflection serializer on the request path.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(IngestOutcome))]
[JsonSerializable(typeof(Rejection))]
[JsonSerializable(typeof(ProfileSummary))]
[JsonSerializable(typeof(TimelineAnswer))]
[JsonSerializable(typeof(IdentityAnswer))]
[JsonSerializable(typeof(QuarantineAnswer))]
[JsonSerializable(typeof(ReplayRequest))]
[JsonSerializable(typeof(ReplayAnswer))]
[JsonSerializable(typeof(HealthAnswer))]
[JsonSerializable(typeof(EngineSettings))]
[JsonSerializable(typeof(ExplainAnswer))]
[JsonSerializable(typeof(TaxonomyAnswer))]
[JsonSerializable(typeof(BackfillAnswer))]
[JsonSerializable(typeof(ValidationAnswer))]
[JsonSerializable(typeof(DiagnosticAnswer[]))]
[JsonSerializable(typeof(TaxonomyAccepted))]
[JsonSerializable(typeof(ChangeEvent))]
[JsonSerializable(typeof(SegmentQuery))]
[JsonSerializable(typeof(SegmentAnswer))]
[JsonSerializable(typeof(SegmentDefinition))]
[JsonSerializable(typeof(SavedSegmentAnswer))]
[JsonSerializable(typeof(SavedSegmentAnswer[]))]
[JsonSerializable(typeof(RoomAnswer))]
[JsonSerializable(typeof(LiveRoomAnswer[]))]
[JsonSerializable(typeof(LiveProfile.Server.Models.ClvParameters))]
[JsonSerializable(typeof(LiveProfile.Server.Models.ClvFitRequest))]
[JsonSerializable(typeof(LiveProfile.Server.Models.PredictionsAnswer))]
[JsonSerializable(typeof(LiveProfile.Server.Models.ChurnModelAnswer))]
[JsonSerializable(typeof(VariantAnswer))]
[JsonSerializable(typeof(RecommendationsAnswer))]
[JsonSerializable(typeof(InvitationRequest))]
[JsonSerializable(typeof(UnmergeRequest))]
[JsonSerializable(typeof(LinkRequest))]
[JsonSerializable(typeof(LinkAnswer))]
[JsonSerializable(typeof(CandidatePage))]
[JsonSerializable(typeof(RejectAnswer))]
[JsonSerializable(typeof(MatchingAnswer))]
[JsonSerializable(typeof(UnmergeAnswer))]
[JsonSerializable(typeof(InvitationAnswer))]
[JsonSerializable(typeof(LiveProfile.Server.Models.ItemModelAnswer))]
[JsonSerializable(typeof(LiveProfile.Server.Models.StoredItemModel))]
internal sealed partial class ServerJsonContext : JsonSerializerContext;

/// <summary>The context with the options answers use: Chinese text written as is, not as \u escapes.</summary>
internal static class ServerJson
{
    public static ServerJsonContext Context { get; } = new(new JsonSerializerOptions(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });
}
