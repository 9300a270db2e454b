namespace LiveProfile.Engine.Tags.Language;

/// <summary>The four types of the tag language.</summary>
public enum TagValueType : byte
{
    /// <summary>A condition: <c>true</c> or <c>false</c>.</summary>
    Bool = 0,
    /// <summary>A double; NaN means "absent" (e.g. a model score no model has set).</summary>
    Number = 1,
    /// <summary>Text, from literals, <c>$parameters</c> and <c>attr(…)</c>.</summary>
    String = 2,
    /// <summary>A span of time, held in seconds (<c>30d</c>, <c>12h</c>, <c>5m</c>, <c>90s</c>).</summary>
    Duration = 3,
}
