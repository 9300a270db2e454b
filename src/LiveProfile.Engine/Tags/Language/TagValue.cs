using System.Globalization;

namespace LiveProfile.Engine.Tags.Language;

/// <summary>
/// A value of the tag language. Numbers and durations are doubles (durations in seconds); a NaN
/// number is "absent" (a model score no model has set, the age of a user without a birth year).
/// </summary>
public readonly struct TagValue : IEquatable<TagValue>
{
    private readonly double _number;
    private readonly string? _text;

    private TagValue(TagValueType type, double number, string? text)
    {
        Type = type;
        _number = number;
        _text = text;
    }

    public TagValueType Type { get; }

    /// <summary>The number, or the duration in seconds, or 1/0 for a bool.</summary>
    public double Number => _number;

    public bool Bool => Type == TagValueType.Bool && _number != 0;

    public string Text => _text ?? "";

    /// <summary>A number or duration that is NaN: the input it came from is not known for this user.</summary>
    public bool IsAbsent => Type is TagValueType.Number or TagValueType.Duration && double.IsNaN(_number);

    public static TagValue FromBool(bool value) => new(TagValueType.Bool, value ? 1 : 0, null);

    public static TagValue FromNumber(double value) => new(TagValueType.Number, value, null);

    public static TagValue FromSeconds(double seconds) => new(TagValueType.Duration, seconds, null);

    public static TagValue FromString(string value) => new(TagValueType.String, 0, value ?? "");

    public bool Equals(TagValue other) =>
        Type == other.Type && _number.Equals(other._number) && string.Equals(Text, other.Text, StringComparison.Ordinal);

    public override bool Equals(object? obj) => obj is TagValue other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(Type, _number, Text);

    public static bool operator ==(TagValue left, TagValue right) => left.Equals(right);

    public static bool operator !=(TagValue left, TagValue right) => !left.Equals(right);

    /// <summary>Formats as the language would write it: <c>0.42</c>, <c>30d</c>, <c>'beauty'</c>, <c>true</c>, <c>absent</c>.</summary>
    public override string ToString() => Type switch
    {
        TagValueType.Bool => Bool ? "true" : "false",
        TagValueType.String => Quote(Text),
        TagValueType.Duration => FormatDuration(_number),
        _ => FormatNumber(_number),
    };

    internal static string FormatNumber(double value)
    {
        if (double.IsNaN(value)) return "absent";
        if (double.IsPositiveInfinity(value)) return "∞";
        if (double.IsNegativeInfinity(value)) return "-∞";
        return Math.Round(value, 4).ToString("0.####", CultureInfo.InvariantCulture);
    }

    internal static string FormatDuration(double seconds)
    {
        if (double.IsNaN(seconds) || double.IsInfinity(seconds)) return FormatNumber(seconds);
        var abs = Math.Abs(seconds);
        if (abs == 0) return "0s";
        if (abs % 86400 == 0) return FormatNumber(seconds / 86400) + "d";
        if (abs % 3600 == 0) return FormatNumber(seconds / 3600) + "h";
        if (abs % 60 == 0 || abs >= 60) return FormatNumber(seconds / 60) + "m";
        return FormatNumber(seconds) + "s";
    }

    internal static string Quote(string text)
    {
        var builder = new System.Text.StringBuilder(text.Length + 2).Append('\'');
        foreach (var c in text)
        {
            switch (c)
            {
                case '\'': builder.Append("\\'"); break;
                case '\\': builder.Append("\\\\"); break;
                case '\n': builder.Append("\\n"); break;
                case '\r': builder.Append("\\r"); break;
                case '\t': builder.Append("\\t"); break;
                default:
                    if (char.IsControl(c)) builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    else builder.Append(c);
                    break;
            }
        }
        return builder.Append('\'').ToString();
    }
}
