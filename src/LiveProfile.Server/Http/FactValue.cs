using System.Text.Json;
using System.Text.Json.Serialization;
using LiveProfile.Cluster;

namespace LiveProfile.Server.Http;

/// <summary>
/// A tag-language value in an answer: a JSON number when it is a known number, otherwise its text
/// as the language writes it (<c>"30d"</c>, <c>"true"</c>, <c>"'beauty'"</c>, <c>"absent"</c>), so
/// thresholds and durations read as they were written.
/// </summary>
[JsonConverter(typeof(FactValueConverter))]
internal sealed record FactValue(double? Number, string Text)
{
    public static FactValue From(ExplainedValueDto value) =>
        new(value.IsNumber && double.IsFinite(value.Number) ? value.Number : null, value.Text);
}

internal sealed class FactValueConverter : JsonConverter<FactValue>
{
    public override FactValue Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.Number ? new FactValue(reader.GetDouble(), "") : new FactValue(null, reader.GetString() ?? "");

    public override void Write(Utf8JsonWriter writer, FactValue value, JsonSerializerOptions options)
    {
        if (value.Number is { } number) writer.WriteNumberValue(number);
        else writer.WriteStringValue(value.Text);
    }
}
