using System.Text.Encodings.Web;
using System.Text.Json;
using LiveProfile.Simulation.Catalog;
using LiveProfile.Simulation.Generation;
using LiveProfile.Simulation.Rooms;

namespace LiveProfile.Simulation.Output;

/// <summary>
/// Writes simulated events as spec/events.md NDJSON lines. Live events name the viewer (and their
/// nickname); shop events the account (a declared profile with its nickname). A person with a skewed
/// phone clock reports <c>ts</c> off by the skew and, when the sender stamps it, a <c>sentAt</c> off by
/// the same amount, so that the server can correct it.
/// </summary>
internal sealed class EventWriter(int seed, long endMs, ProductCatalog catalog)
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true };
    // Ids are unique per (seed, end): runs with other parameters never collide in one data directory.
    private readonly string _idPrefix = $"s{seed}t{endMs / 60_000:x}-";

    public string IdOf(SimEvent e) => _idPrefix + e.Seq.ToString("x", System.Globalization.CultureInfo.InvariantCulture);

    /// <param name="sentAtMs">The sender's clock at sending, or null when lines are written for later (files).</param>
    public void Write(Utf8JsonWriter w, SimEvent e, long? sentAtMs)
    {
        var skew = e.Person?.ClockSkewMs ?? 0;
        w.WriteStartObject();
        w.WriteString("id", IdOf(e));
        w.WriteString("type", e.Broken == "unknown_type" ? "live.wave" : e.Type);
        if (e.Broken == "bad_timestamp") w.WriteString("ts", "yesterday evening");
        else w.WriteNumber("ts", e.TsMs + skew);
        if (skew != 0 && sentAtMs is { } sent) w.WriteNumber("sentAt", sent + skew);
        if (e.Person is { } p && e.Broken != "missing_user")
        {
            w.WriteStartObject("user");
            if (SimEventType.IsLive(e.Type))
            {
                w.WriteString("viewerId", p.Viewer);
                w.WriteString("nickname", p.Nickname);
            }
            else if (p.Account is { } account)
            {
                w.WriteString("accountId", account);
                // The shop's account page has the person's nickname too: what the identity matcher compares a viewer's with.
                if (e.Type == SimEventType.Profile) w.WriteString("nickname", p.Nickname);
            }
            else w.WriteString("viewerId", p.Viewer);
            w.WriteEndObject();
        }
        if (e.Session is { } s && e.Type != SimEventType.CatalogSession)
        {
            w.WriteString("room", s.Room.Id);
            w.WriteString("session", s.Id);
        }
        if (e.Product is { } product && CarriesProduct(e.Type)) w.WriteString("product", product.Id);
        if (e.Type == SimEventType.CatalogSession) w.WriteString("session", e.Session!.Id);
        w.WriteStartObject("props");
        WriteProps(w, e);
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static bool CarriesProduct(string type) => type is SimEventType.Click or SimEventType.View or SimEventType.CartAdd
        or SimEventType.Review or SimEventType.OnScreen or SimEventType.CatalogProduct;

    private void WriteProps(Utf8JsonWriter w, SimEvent e)
    {
        switch (e.Type)
        {
            case SimEventType.Join:
                w.WriteString("source", e.Code);
                break;
            case SimEventType.Comment:
                if (e.Broken == "comment_too_long") w.WriteString("text", new string('哈', 600));
                else if (e.Broken != "missing_text") w.WriteString("text", e.Text);
                break;
            case SimEventType.Like:
                w.WriteNumber("count", e.Count);
                break;
            case SimEventType.Gift:
                w.WriteString("giftId", e.Code);
                w.WriteNumber("value", e.Broken == "negative_value" ? -e.Value : e.Value);
                break;
            case SimEventType.Share:
                w.WriteString("channel", e.Code);
                break;
            case SimEventType.CouponClaim:
                w.WriteString("couponId", e.Code);
                w.WriteNumber("value", e.Value);
                break;
            case SimEventType.OnScreen:
                w.WriteNumber("until", e.UntilMs);
                break;
            case SimEventType.View:
                w.WriteNumber("durationMs", e.DurationMs);
                w.WriteString("section", e.Code);
                break;
            case SimEventType.Search:
                w.WriteString("query", e.Text);
                break;
            case SimEventType.CartAdd:
                w.WriteNumber("qty", e.Count);
                break;
            case SimEventType.Order:
                WriteOrder(w, e);
                break;
            case SimEventType.Review:
                w.WriteNumber("rating", e.Rating);
                w.WriteString("text", e.Text);
                break;
            case SimEventType.Profile:
                WriteProfile(w, e);
                break;
            case SimEventType.Link:
                w.WriteStartArray("identifiers");
                WriteIdentifier(w, "viewer", e.Person!.Viewer);
                WriteIdentifier(w, "account", e.Person.Account!);
                w.WriteEndArray();
                break;
            case SimEventType.CatalogProduct:
                WriteProduct(w, e);
                break;
            case SimEventType.CatalogSession:
                WriteSession(w, e.Session!);
                break;
        }
    }

    private static void WriteOrder(Utf8JsonWriter w, SimEvent e)
    {
        w.WriteString("orderId", e.OrderId);
        w.WriteStartArray("items");
        foreach (var item in e.Items!)
        {
            w.WriteStartObject();
            w.WriteString("product", item.Product.Id);
            w.WriteNumber("qty", item.Qty);
            w.WriteNumber("unitPrice", item.UnitPrice);
            if (item.Discount > 0) w.WriteNumber("discount", item.Discount);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteNumber("total", e.Value);
        if (e.Code is not null) w.WriteString("couponId", e.Code);
        if (e.Session is not null) w.WriteString("room", e.Session.Room.Id);
    }

    private static void WriteProfile(Utf8JsonWriter w, SimEvent e)
    {
        var p = e.Person!;
        if (p.Gender is not null) w.WriteString("gender", p.Gender);
        if (p.BirthYear > 0) w.WriteNumber("birthYear", p.BirthYear);
        if (p.Province is not null) w.WriteString("province", p.Province);
        if (p.City is not null) w.WriteString("city", p.City);
        w.WriteNumber("registeredAt", p.RegisteredMs);
    }

    private static void WriteIdentifier(Utf8JsonWriter w, string kind, string value)
    {
        w.WriteStartObject();
        w.WriteString("kind", kind);
        w.WriteString("value", value);
        w.WriteEndObject();
    }

    private static void WriteProduct(Utf8JsonWriter w, SimEvent e)
    {
        var p = e.Product!;
        w.WriteString("title", p.Title);
        w.WriteString("category", p.CategoryPath);
        w.WriteString("brand", p.Brand);
        w.WriteNumber("price", p.Price);
        w.WriteStartArray("labels");
        foreach (var label in p.Labels) w.WriteStringValue(label);
        w.WriteEndArray();
        if (p.Ingredients is { } ingredients)
        {
            w.WriteStartArray("ingredients");
            foreach (var i in ingredients) w.WriteStringValue(i);
            w.WriteEndArray();
        }
    }

    private void WriteSession(Utf8JsonWriter w, SessionPlan s)
    {
        w.WriteString("room", s.Room.Id);
        w.WriteNumber("startsAt", s.StartMs);
        w.WriteString("streamer", s.Room.Streamer);
        w.WriteString("title", s.Title);
        w.WriteStartArray("products");
        foreach (var index in s.Lineup) w.WriteStringValue(catalog.Products[index].Id);
        w.WriteEndArray();
    }

    public static JsonWriterOptions WriterOptions => Options;
}
