namespace LiveProfile.Engine.Contract;

/// <summary>
/// A pseudonymised identifier: the kind and a keyed hash of the raw value (HMAC under the tenant's
/// key). This is all the log, the engine and snapshots ever hold of an identifier.
/// </summary>
public readonly record struct Pseudonym(IdentifierKind Kind, ulong Hash)
{
    public override string ToString() => $"{Kind.WireName()}:{Hash:x16}";
}
