using System.Text.Json;
using System.Text.RegularExpressions;

namespace LiveProfile.Server.Tests.Cli;

/// <summary>
/// The rules of spec/events.md that a producer controls, checked on one NDJSON line: envelope fields,
/// id syntax, time syntax, who needs a user / room / product, and each type's required props.
/// Returns the problems found (none when valid). Deliberately independent of the server's parser.
/// </summary>
internal static partial class SpecCheck
{
    private static readonly HashSet<string> Envelope = ["id", "type", "ts", "sentAt", "user", "room", "session", "product", "props"];
    private static readonly HashSet<string> UserFields = ["accountId", "viewerId", "deviceId", "phone", "nickname"];
    private static readonly HashSet<string> NoUser = ["catalog.product", "catalog.session", "external.trend", "external.inventory", "live.product_on_screen"];
    private static readonly HashSet<string> NeedsProduct =
        ["live.product_click", "live.product_on_screen", "shop.view", "shop.cart_add", "shop.review", "catalog.product", "external.inventory"];
    private static readonly Dictionary<string, string[]> RequiredProps = new()
    {
        ["live.join"] = [], ["live.leave"] = [], ["live.heartbeat"] = [], ["live.comment"] = ["text"], ["live.like"] = [],
        ["live.gift"] = ["giftId", "value"], ["live.share"] = [], ["live.follow"] = [], ["live.product_click"] = [],
        ["live.coupon_claim"] = ["couponId"], ["live.product_on_screen"] = [], ["shop.view"] = [], ["shop.search"] = ["query"],
        ["shop.cart_add"] = [], ["shop.order"] = ["orderId", "items", "total"], ["shop.refund"] = ["orderId"],
        ["shop.review"] = ["rating"], ["user.profile"] = [], ["user.consent"] = ["purposes"], ["identity.link"] = ["identifiers"],
        ["catalog.product"] = ["title", "category", "price"], ["catalog.session"] = ["room", "startsAt"],
        ["external.trend"] = ["keyword", "score"], ["external.inventory"] = ["stock"],
    };

    public static List<string> Problems(string line)
    {
        var problems = new List<string>();
        if (System.Text.Encoding.UTF8.GetByteCount(line) > 32 * 1024) problems.Add("over 32 KiB");
        using var doc = JsonDocument.Parse(line);
        var e = doc.RootElement;
        foreach (var p in e.EnumerateObject())
        {
            if (!Envelope.Contains(p.Name)) problems.Add($"unknown field {p.Name}");
        }
        var id = Str(e, "id");
        if (id is null || !IdPattern().IsMatch(id)) problems.Add($"bad id {id}");
        var type = Str(e, "type") ?? "";
        if (!RequiredProps.TryGetValue(type, out var required))
        {
            problems.Add($"unknown type {type}");
            return problems;
        }
        if (!IsTime(e, "ts")) problems.Add("bad ts");
        if (e.TryGetProperty("sentAt", out _) && !IsTime(e, "sentAt")) problems.Add("bad sentAt");
        if (!NoUser.Contains(type))
        {
            if (!e.TryGetProperty("user", out var user) || user.ValueKind != JsonValueKind.Object) problems.Add("no user");
            else
            {
                foreach (var p in user.EnumerateObject())
                {
                    if (!UserFields.Contains(p.Name) || p.Value.ValueKind != JsonValueKind.String || p.Value.GetString()!.Length == 0) problems.Add($"bad user.{p.Name}");
                }
                if (!new[] { "accountId", "viewerId", "deviceId", "phone" }.Any(k => user.TryGetProperty(k, out _))) problems.Add("no user identifier");
                if (Str(user, "phone") is { } phone && !PhonePattern().IsMatch(phone)) problems.Add("phone not E.164");
            }
        }
        if (type.StartsWith("live.", StringComparison.Ordinal) && Str(e, "room") is null) problems.Add("no room");
        if (NeedsProduct.Contains(type) && Str(e, "product") is null) problems.Add("no product");
        var props = e.TryGetProperty("props", out var pr) ? pr : default;
        foreach (var name in required)
        {
            if (props.ValueKind != JsonValueKind.Object || !props.TryGetProperty(name, out _)) problems.Add($"no props.{name}");
        }
        if (type == "live.comment" && props.ValueKind == JsonValueKind.Object && Str(props, "text") is { Length: > 500 }) problems.Add("comment over 500");
        return problems;
    }

    public static long TimeMs(JsonElement e, string name)
    {
        var v = e.GetProperty(name);
        return v.ValueKind == JsonValueKind.Number ? v.GetInt64() : DateTimeOffset.Parse(v.GetString()!, System.Globalization.CultureInfo.InvariantCulture).ToUnixTimeMilliseconds();
    }

    private static bool IsTime(JsonElement e, string name)
    {
        var v = e.GetProperty(name);
        if (v.ValueKind == JsonValueKind.Number) return v.TryGetInt64(out _);
        return v.ValueKind == JsonValueKind.String && TimePattern().IsMatch(v.GetString()!);
    }

    private static string? Str(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    [GeneratedRegex("^[A-Za-z0-9_.:-]{1,64}$")]
    private static partial Regex IdPattern();

    [GeneratedRegex(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$")]
    private static partial Regex TimePattern();

    [GeneratedRegex(@"^\+[1-9]\d{7,14}$")]
    private static partial Regex PhonePattern();
}
