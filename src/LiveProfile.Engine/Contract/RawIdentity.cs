namespace LiveProfile.Engine.Contract;

/// <summary>
/// The plaintext identifiers and PII of one event, as parsed. It lives only between the parser and
/// the privacy door, which turns it into pseudonyms and a sealed blob; the log refuses an event that
/// still carries one.
/// </summary>
public sealed class RawIdentity
{
    public string? AccountId { get; set; }
    public string? ViewerId { get; set; }
    public string? DeviceId { get; set; }
    public string? Phone { get; set; }
    public string? Nickname { get; set; }
    public string? Name { get; set; }
    public string? Address { get; set; }

    /// <summary><c>identity.link</c> identifiers, raw.</summary>
    public List<(IdentifierKind Kind, string Value)>? Links { get; set; }

    /// <summary>Unknown <c>props</c> fields, kept as their JSON text (they may hold anything, so they are sealed too).</summary>
    public string? ExtraPropsJson { get; set; }

    public bool HasUserIdentifier => AccountId is not null || ViewerId is not null || DeviceId is not null || Phone is not null;
}
