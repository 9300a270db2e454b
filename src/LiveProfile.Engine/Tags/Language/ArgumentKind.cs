namespace LiveProfile.Engine.Tags.Language;

/// <summary>What a function argument means, and so which constant values the binder accepts.</summary>
internal enum ArgumentKind : byte
{
    /// <summary>A user event type wire name (<c>'live.comment'</c>).</summary>
    EventType,
    /// <summary>A comment intent, or <c>'question'</c> for any <c>ask_*</c> intent.</summary>
    Intent,
    /// <summary>A declared attribute: <c>gender</c>, <c>province</c>, <c>city</c>.</summary>
    Attribute,
    /// <summary>A category path (<c>'beauty'</c>, <c>'beauty/skincare'</c>).</summary>
    Category,
    /// <summary>An affinity key: <c>cat:</c>, <c>brand:</c>, <c>price:</c> or <c>label:</c> and a value.</summary>
    AffinityKey,
    /// <summary>A product label (<c>'国潮'</c>).</summary>
    Label,
    /// <summary>A room id.</summary>
    Room,
    /// <summary>A model name: lower-case letters, digits and underscores.</summary>
    Model,
    /// <summary>A tag id, or the family part of one.</summary>
    Tag,
    /// <summary>A window or age of whole days, 1d to 180d.</summary>
    Window,
    /// <summary>A gap of whole days, 0d to 180d.</summary>
    Gap,
    /// <summary>A local hour 0–23.</summary>
    Hour,
    /// <summary>An exclusive end hour 1–24 (24 = midnight).</summary>
    HourEnd,
    /// <summary>A whole count 1–64 (how many last sessions).</summary>
    SessionCount,
}
