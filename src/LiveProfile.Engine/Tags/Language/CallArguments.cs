using LiveProfile.Engine.Contract;

namespace LiveProfile.Engine.Tags.Language;

/// <summary>The constant, validated arguments of one call, read by the function's body factory.</summary>
internal readonly struct CallArguments(TagValue[] values)
{
    public int Count => values.Length;

    public string Text(int index) => values[index].Text;

    public string? OptionalText(int index) => index < values.Length ? values[index].Text : null;

    public int Days(int index) => (int)(values[index].Number / 86400);

    public int? OptionalDays(int index) => index < values.Length ? Days(index) : null;

    public int Int(int index) => (int)values[index].Number;

    public EventType EventType(int index) => EventTypes.TryParse(values[index].Text, out var type) ? type : default;
}
