namespace LiveProfile.Engine.Contract;

/// <summary>Kinds of user identifier. Values are persisted: append only.</summary>
public enum IdentifierKind : byte
{
    Account = 1,
    Viewer = 2,
    Device = 3,
    Phone = 4,
    Nickname = 5,
    Profile = 6,
}

public static class IdentifierKinds
{
    public static string WireName(this IdentifierKind kind) => kind switch
    {
        IdentifierKind.Account => "account",
        IdentifierKind.Viewer => "viewer",
        IdentifierKind.Device => "device",
        IdentifierKind.Phone => "phone",
        IdentifierKind.Nickname => "nickname",
        IdentifierKind.Profile => "profile",
        _ => "unknown",
    };

    public static bool TryParse(string name, out IdentifierKind kind)
    {
        kind = name switch
        {
            "account" => IdentifierKind.Account,
            "viewer" => IdentifierKind.Viewer,
            "device" => IdentifierKind.Device,
            "phone" => IdentifierKind.Phone,
            "nickname" => IdentifierKind.Nickname,
            "profile" => IdentifierKind.Profile,
            _ => 0,
        };
        return kind != 0;
    }
}
