using System.Text.Json;
using System.Text.Json.Serialization;

namespace LiveProfile.Cli.Http;

/// <summary>Source-generated readers for the server's answers.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(IngestAnswer))]
[JsonSerializable(typeof(ProblemAnswer))]
internal sealed partial class CliJsonContext : JsonSerializerContext;
