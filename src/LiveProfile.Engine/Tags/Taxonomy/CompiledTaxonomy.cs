using System.Reflection;
using LiveProfile.Engine.Contract;

namespace LiveProfile.Engine.Tags.Taxonomy;

/// <summary>
/// A taxonomy ready to evaluate: every tag instantiated and compiled, in evaluation order (a tag
/// after the tags it reads), with precomputed sets of which tags an event type, the clock or a
/// model can change, so live evaluation touches only those.
/// </summary>
public sealed class CompiledTaxonomy
{
    private readonly Dictionary<string, CompiledTag> _byId;
    private readonly Dictionary<int, CompiledTag> _byKey;
    private readonly ulong[][] _byEventType;
    private readonly Dictionary<string, ulong[]> _byModel;

    internal CompiledTaxonomy(int version, string source, IReadOnlyList<CompiledTag> tags, IReadOnlyList<TaxonomyFamily> families)
    {
        Version = version;
        Source = source;
        Tags = tags;
        Families = families;
        _byId = tags.ToDictionary(t => t.Id, StringComparer.Ordinal);
        _byKey = tags.ToDictionary(t => t.Key);
        All = TagBits.Create(tags.Count);
        TimeDriven = TagBits.Create(tags.Count);
        _byEventType = new ulong[EventTypes.Count][];
        for (var i = 0; i < _byEventType.Length; i++) _byEventType[i] = TagBits.Create(tags.Count);
        _byModel = new Dictionary<string, ulong[]>(StringComparer.Ordinal);

        // Tags come in dependency order, so a tag that reads another inherits its triggers in one pass.
        foreach (var tag in tags)
        {
            TagBits.Set(All, tag.Index);
            foreach (var inputs in tag.Inputs)
            {
                for (var type = 0; type < _byEventType.Length; type++)
                {
                    if (inputs.IsAffectedBy((EventType)type)) TagBits.Set(_byEventType[type], tag.Index);
                }
                if (inputs.IsTimeDependent || (inputs.Families & Language.FeatureFamilies.Population) != 0) TagBits.Set(TimeDriven, tag.Index);
                foreach (var model in inputs.Models) TagBits.Set(ModelBits(model), tag.Index);
                foreach (var read in inputs.Tags)
                {
                    var dependency = _byId[read];
                    for (var type = 0; type < _byEventType.Length; type++)
                    {
                        if (TagBits.IsSet(_byEventType[type], dependency.Index)) TagBits.Set(_byEventType[type], tag.Index);
                    }
                    if (TagBits.IsSet(TimeDriven, dependency.Index)) TagBits.Set(TimeDriven, tag.Index);
                    foreach (var (_, bits) in _byModel) if (TagBits.IsSet(bits, dependency.Index)) TagBits.Set(bits, tag.Index);
                }
            }
        }
    }

    /// <summary>The default taxonomy shipped with the engine (Tags/Taxonomy/default-taxonomy.yaml), version 1.</summary>
    public static CompiledTaxonomy Default => DefaultInstance.Value;

    private static readonly Lazy<CompiledTaxonomy> DefaultInstance = new(() =>
    {
        var compilation = TaxonomyCompiler.Compile(DefaultSource, 1);
        return compilation.Taxonomy ?? throw new InvalidOperationException("the shipped taxonomy does not compile: " + compilation);
    });

    /// <summary>A taxonomy without tags: the engine's features alone (unmerge rebuilds, benchmarks of the feature path).</summary>
    public static CompiledTaxonomy None => NoneInstance.Value;

    private static readonly Lazy<CompiledTaxonomy> NoneInstance = new(() =>
        TaxonomyCompiler.Compile("families:\n  none: { zh: 无, en: none }\ntags: []\n", 1).Taxonomy!);

    /// <summary>The text of the shipped default taxonomy.</summary>
    public static string DefaultSource
    {
        get
        {
            using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("LiveProfile.Engine.default-taxonomy.yaml")
                ?? throw new InvalidOperationException("the default taxonomy resource is missing");
            using var reader = new StreamReader(stream);
            return reader.ReadToEnd();
        }
    }

    public int Version { get; }

    /// <summary>The YAML text it was compiled from.</summary>
    public string Source { get; }

    /// <summary>Every tag, in evaluation order (<see cref="CompiledTag.Index"/>).</summary>
    public IReadOnlyList<CompiledTag> Tags { get; }

    public IReadOnlyList<TaxonomyFamily> Families { get; }

    internal ulong[] All { get; }

    /// <summary>Tags whose value can change with time alone (windows sliding, days since, population ranks).</summary>
    internal ulong[] TimeDriven { get; }

    public CompiledTag? Find(string id) => _byId.GetValueOrDefault(id);

    public CompiledTag? FindByKey(int key) => _byKey.GetValueOrDefault(key);

    /// <summary>Tags an event of the type can change.</summary>
    internal ReadOnlySpan<ulong> AffectedBy(EventType type) => _byEventType[(int)type];

    /// <summary>Tags a new score of the model can change (empty when none reads it).</summary>
    internal ReadOnlySpan<ulong> AffectedByModel(string model) => _byModel.TryGetValue(model, out var bits) ? bits : [];

    private ulong[] ModelBits(string model)
    {
        if (!_byModel.TryGetValue(model, out var bits)) _byModel[model] = bits = TagBits.Create(Tags.Count);
        return bits;
    }
}
