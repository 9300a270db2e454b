namespace LiveProfile.Matching;

/// <summary>
/// What is known of one identity for matching: a live viewer (nickname, device, region from the network) or a shop
/// account (nickname, phone, address, devices). Phone and devices arrive pseudonymised (keyed hashes), like every
/// identifier; address tokens are the words of the address (road, compound, building), never the whole address.
/// Touches are recent interactions with products: a viewer's live clicks, an account's views, carts and orders.
/// </summary>
public sealed record PersonRecord(
    string Id,
    string? Nickname = null,
    IReadOnlyList<string>? Devices = null,
    string? PhoneHash = null,
    string? Province = null,
    string? City = null,
    IReadOnlyList<string>? AddressTokens = null,
    IReadOnlyList<ProductTouch>? Touches = null);

/// <summary>An interaction with a product at a minute of event time (minutes since the Unix epoch).</summary>
public readonly record struct ProductTouch(string Product, long Minute);
