namespace LiveProfile.Engine.Contract;

/// <summary>
/// Stable codes for a rejected event (per line) or a rejected request. They are part of the public
/// contract: clients branch on them, so never rename one.
/// </summary>
public static class RejectionCode
{
    public const string InvalidJson = "invalid_json";
    public const string NotAnObject = "not_an_object";
    public const string EventTooLarge = "event_too_large";
    public const string TooDeep = "too_deep";
    public const string StringTooLong = "string_too_long";
    public const string CommentTooLong = "comment_too_long";
    public const string UnknownField = "unknown_field";
    public const string DuplicateField = "duplicate_field";
    public const string MissingField = "missing_field";
    public const string InvalidField = "invalid_field";
    public const string InvalidId = "invalid_id";
    public const string UnknownType = "unknown_type";
    public const string InvalidTime = "invalid_time";
    public const string FutureTimestamp = "future_timestamp";
    public const string TooOld = "too_old";
    public const string MissingIdentifier = "missing_identifier";
    public const string InvalidPhone = "invalid_phone";

    /// <summary>Every per-event code, for tests and documentation.</summary>
    public static readonly IReadOnlyList<string> All =
    [
        InvalidJson, NotAnObject, EventTooLarge, TooDeep, StringTooLong, CommentTooLong, UnknownField,
        DuplicateField, MissingField, InvalidField, InvalidId, UnknownType, InvalidTime, FutureTimestamp,
        TooOld, MissingIdentifier, InvalidPhone,
    ];
}
