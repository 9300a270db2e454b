using LiveProfile.Cluster;
using LiveProfile.Engine.Segments;
using LiveProfile.Engine.Tags.Taxonomy;

namespace LiveProfile.Server.Rooms;

/// <summary>
/// The view-variant table: which view of a live room (e.g. <c>expert</c>, <c>newcomer</c>) a viewer gets, and why. Shipped as
/// <c>Rooms/view-variants.yaml</c>, copied into the data directory on first start and read from there; the first rule
/// whose conditions all hold wins, else the default. Without personalisation consent a viewer always gets the default.
/// </summary>
internal sealed class ViewVariants(IReadOnlyList<VariantRule> rules, VariantChoice fallback)
{
    public const string FileName = "view-variants.yaml";
    private const string Resource = "LiveProfile.Server.view-variants.yaml";
    private const int MaxRules = 200;

    public IReadOnlyList<VariantRule> Rules { get; } = rules;

    /// <summary>The view for a viewer with <paramref name="facts"/>, and the rule that chose it (null: the default).</summary>
    public (VariantChoice Choice, string? Rule) Choose(ViewerFactsReply facts)
    {
        if (!facts.Personalization) return (fallback with { Reason = NoConsent }, null);
        var tags = new HashSet<string>(facts.Tags, StringComparer.Ordinal);
        foreach (var rule in Rules)
        {
            if (rule.When is { } when && !SegmentEvaluator.Matches(when, tags.Contains)) continue;
            if (rule.OnScreenCategoryOrders is { } orders && (facts.OnScreenCategory is null || facts.CategoryOrders < orders)) continue;
            if (rule.FirstVisit is { } first && first == facts.ReturningToRoom) continue;
            return (rule.Choice, rule.Id);
        }
        return (fallback, null);
    }

    private static readonly LocalizedText NoConsent = new("未同意个性化：标准视图。", "No consent to personalisation — the standard view.");

    /// <exception cref="InvalidDataException">The file is not a valid table (the message names the rule and the field).</exception>
    public static ViewVariants LoadOrCreate(string dataDirectory, CompiledTaxonomy taxonomy)
    {
        var (text, path) = OperatorTable.LoadOrCopy(dataDirectory, FileName, Resource);
        return Parse(text, path, taxonomy);
    }

    public static string Shipped() => OperatorTable.Shipped(Resource);

    /// <exception cref="InvalidDataException">The text is not a valid table.</exception>
    public static ViewVariants Parse(string yaml, string source, CompiledTaxonomy taxonomy)
    {
        var file = OperatorTable.Deserialize<TableFile>(yaml, source);
        var rules = file?.Rules ?? [];
        if (rules.Count > MaxRules) throw new InvalidDataException($"{source}: at most {MaxRules} rules");
        if (file?.Default is not { Variant: { Length: > 0 } variant, Zh: { Length: > 0 } zh, En: { Length: > 0 } en })
        {
            throw new InvalidDataException($"{source}: needs a default with variant, zh and en");
        }
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var vocabulary = new TaxonomyVocabulary(taxonomy, acceptUnknown: true);
        return new ViewVariants([.. rules.Select((r, i) => Validate(r, i, ids, source, vocabulary))], new VariantChoice(variant, new LocalizedText(zh, en)));
    }

    private static VariantRule Validate(RuleFile r, int index, HashSet<string> ids, string source, TaxonomyVocabulary vocabulary)
    {
        var where = $"{source}: rule {index + 1}{(r.Id is { } id ? $" ({id})" : "")}";
        if (string.IsNullOrWhiteSpace(r.Id)) throw new InvalidDataException($"{where}: needs an id");
        if (!ids.Add(r.Id)) throw new InvalidDataException($"{where}: the id is used twice");
        if (string.IsNullOrWhiteSpace(r.Variant)) throw new InvalidDataException($"{where}: needs a variant");
        if (r.When is null && r.OnScreenCategoryOrders is null && r.FirstVisit is null)
        {
            throw new InvalidDataException($"{where}: give at least one of when:, on_screen_category_orders: or first_visit:");
        }
        if (r.OnScreenCategoryOrders is < 1) throw new InvalidDataException($"{where}: on_screen_category_orders must be at least 1");
        if (string.IsNullOrWhiteSpace(r.Zh) || string.IsNullOrWhiteSpace(r.En)) throw new InvalidDataException($"{where}: needs the reason in zh and en");
        SegmentNode? when = null;
        if (r.When is not null)
        {
            try
            {
                when = SegmentParser.Parse(r.When, vocabulary);
            }
            catch (SegmentSyntaxException e)
            {
                throw new InvalidDataException($"{where}: when: {e.Message}", e);
            }
        }
        return new VariantRule(r.Id, when, r.OnScreenCategoryOrders, r.FirstVisit, new VariantChoice(r.Variant, new LocalizedText(r.Zh, r.En)));
    }

    private sealed class TableFile
    {
        public List<RuleFile>? Rules { get; set; }
        public DefaultFile? Default { get; set; }
    }

    private sealed class RuleFile
    {
        public string? Id { get; set; }
        public string? Variant { get; set; }
        public string? When { get; set; }
        public int? OnScreenCategoryOrders { get; set; }
        public bool? FirstVisit { get; set; }
        public string? Zh { get; set; }
        public string? En { get; set; }
    }

    private sealed class DefaultFile
    {
        public string? Variant { get; set; }
        public string? Zh { get; set; }
        public string? En { get; set; }
    }
}

/// <summary>A variant and why it was chosen.</summary>
internal sealed record VariantChoice(string Variant, LocalizedText Reason);

internal sealed record LocalizedText(string Zh, string En);

/// <summary>One rule of the table: its conditions (all must hold; null ones are not checked) and the view it chooses.</summary>
internal sealed record VariantRule(string Id, SegmentNode? When, int? OnScreenCategoryOrders, bool? FirstVisit, VariantChoice Choice);
