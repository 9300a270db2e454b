namespace LiveProfile.Matching;

/// <summary>
/// What is known of one identity for matching: a live viewer (nickname, device, region from the network) or a shop
/// account (nickname, phone, address, devices). Phone and devices arrive pseudonymised (keyed hashes), like every
/// identifier; address tokens are the words of the address (road, compound, building), never the whole address.
/// </summary>
public sealed record PersonRecord(
    string Id,
    string? Nickname = null,
    IReadOnlyList<string>? Devices = null,
    string? PhoneHash = null,
    string? Province = null,
    string? City = null,
    IReadOnlyList<string>? AddressTokens = null);
