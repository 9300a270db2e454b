using System.Text.RegularExpressions;
using LiveProfile.Engine.Features;
using LiveProfile.Engine.Tags.Language;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace LiveProfile.Engine.Tags.Taxonomy;

/// <summary>
/// Reads a taxonomy file (YAML: <c>parameters</c>, <c>families</c>, <c>tags</c>; see
/// docs/taxonomy.md), expands parametric tags, compiles every expression against the function
/// catalogue and orders tags so that a tag comes after the tags it reads. Reports every problem
/// with its line and column; never throws on any text.
/// </summary>
public static partial class TaxonomyCompiler
{
    private static readonly string[] RootKeys = ["parameters", "families", "tags"];
    private static readonly string[] TagKeys_ = ["id", "family", "name", "names", "when", "weight", "model", "interestShift"];

    [GeneratedRegex(@"^[a-z][a-z0-9_]*$")]
    private static partial Regex ParameterName();

    // A tag id: letters (any script), digits and _ : + - . ; a parametric id holds one $parameter.
    [GeneratedRegex(@"^[\p{L}\p{N}_:+\-.]+(\$[a-z][a-z0-9_]*)?[\p{L}\p{N}_:+\-.]*$")]
    private static partial Regex TagId();

    /// <param name="assignKeys">
    /// Give the tags process-wide keys (<see cref="TagKeys"/>), needed to evaluate the taxonomy.
    /// Validation passes false, so that checking texts never grows the process-wide key table.
    /// </param>
    public static TaxonomyCompilation Compile(string yaml, int version, TaxonomyLimits? limits = null, bool assignKeys = true)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        limits ??= TaxonomyLimits.Default;
        var diagnostics = new List<TaxonomyDiagnostic>();
        if (System.Text.Encoding.UTF8.GetByteCount(yaml) > limits.MaxBytes)
        {
            return Fail(new TaxonomyDiagnostic(1, 1, TaxonomyCodes.TooLarge, $"the taxonomy is larger than {limits.MaxBytes} bytes"));
        }
        if (TooDeep(yaml, limits.MaxNesting) is { } tooDeep) return Fail(tooDeep);
        YamlMappingNode root;
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(yaml));
            if (stream.Documents.Count != 1 || stream.Documents[0].RootNode is not YamlMappingNode mapping)
            {
                return Fail(new TaxonomyDiagnostic(1, 1, TaxonomyCodes.Shape, "expected one YAML document: a mapping with 'parameters', 'families' and 'tags'"));
            }
            root = mapping;
        }
        catch (YamlException e)
        {
            return Fail(new TaxonomyDiagnostic((int)Math.Max(1, e.Start.Line), (int)Math.Max(1, e.Start.Column), TaxonomyCodes.Yaml, Clean(e.Message)));
        }

        var reader = new Reader(diagnostics, limits);
        reader.CheckKeys(root, RootKeys, "the taxonomy");
        var parameters = reader.Parameters(Reader.Child(root, "parameters"));
        var families = reader.Families(Reader.Child(root, "families"));
        var tagsNode = Reader.Child(root, "tags");
        if (tagsNode is not YamlSequenceNode tagList)
        {
            diagnostics.Add(At(tagsNode ?? root, TaxonomyCodes.MissingField, "'tags' must be a list of tag definitions"));
            return Fail(diagnostics);
        }
        if (tagList.Children.Count > limits.MaxDefinitions)
        {
            diagnostics.Add(At(tagList, TaxonomyCodes.TooLarge, $"{tagList.Children.Count} tag definitions; at most {limits.MaxDefinitions} are allowed"));
            return Fail(diagnostics);
        }

        var tags = new List<CompiledTag>();
        var ids = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
        foreach (var node in tagList.Children)
        {
            foreach (var tag in reader.Definition(node, parameters, families))
            {
                if (!ids.TryAdd(tag.Id, node))
                {
                    diagnostics.Add(At(node, TaxonomyCodes.DuplicateId, $"tag '{tag.Id}' is defined twice (first at line {ids[tag.Id].Start.Line})", tag.Id));
                    continue;
                }
                tags.Add(tag);
                if (tags.Count > limits.MaxTags)
                {
                    diagnostics.Add(At(node, TaxonomyCodes.TooLarge, $"more than {limits.MaxTags} tags after expanding parameters"));
                    return Fail(diagnostics);
                }
            }
        }
        if (diagnostics.Count > 0) return Fail(diagnostics);

        var ordered = Order(tags, ids, diagnostics);
        if (ordered is null || diagnostics.Count > 0) return Fail(diagnostics);
        for (var i = 0; i < ordered.Count; i++)
        {
            ordered[i].Index = i;
            ordered[i].Key = assignKeys ? TagKeys.Intern(ordered[i].Id) : -1 - i;
        }
        return new TaxonomyCompilation(new CompiledTaxonomy(version, yaml, ordered, [.. families.Values.Select(f => f.Family)]), []);
    }

    /// <summary>Orders tags so that each comes after the tags it reads (stable otherwise); reports unknown reads and cycles.</summary>
    private static List<CompiledTag>? Order(List<CompiledTag> tags, Dictionary<string, YamlNode> nodes, List<TaxonomyDiagnostic> diagnostics)
    {
        var byId = tags.ToDictionary(t => t.Id, StringComparer.Ordinal);
        foreach (var tag in tags)
        {
            foreach (var read in tag.Inputs.SelectMany(i => i.Tags))
            {
                if (!byId.ContainsKey(read))
                {
                    diagnostics.Add(At(nodes[tag.Id], TaxonomyCodes.UnknownTag, $"has_tag reads '{read}', which this taxonomy does not define", tag.Id));
                }
            }
        }
        if (diagnostics.Count > 0) return null;
        var state = new Dictionary<string, int>(StringComparer.Ordinal); // 1 visiting, 2 done
        var ordered = new List<CompiledTag>(tags.Count);
        foreach (var tag in tags)
        {
            if (!Visit(tag, [])) return null;
        }
        return ordered;

        bool Visit(CompiledTag tag, List<string> path)
        {
            if (state.TryGetValue(tag.Id, out var s))
            {
                if (s == 2) return true;
                diagnostics.Add(At(nodes[tag.Id], TaxonomyCodes.Cycle, $"tags read each other through has_tag: {string.Join(" → ", path)} → {tag.Id}", tag.Id));
                return false;
            }
            state[tag.Id] = 1;
            path.Add(tag.Id);
            foreach (var read in tag.Inputs.SelectMany(i => i.Tags).Distinct(StringComparer.Ordinal))
            {
                if (!Visit(byId[read], path)) return false;
            }
            path.RemoveAt(path.Count - 1);
            state[tag.Id] = 2;
            ordered.Add(tag);
            return true;
        }
    }

    private static TaxonomyCompilation Fail(TaxonomyDiagnostic diagnostic) => new(null, [diagnostic]);

    /// <summary>
    /// YamlDotNet builds its node tree recursively: a body of a million '[' would overflow the stack
    /// (which no catch survives). The event parser does not recurse, so nesting is measured with it first.
    /// </summary>
    private static TaxonomyDiagnostic? TooDeep(string yaml, int maxNesting)
    {
        try
        {
            var parser = new YamlDotNet.Core.Parser(new StringReader(yaml));
            var depth = 0;
            while (parser.MoveNext())
            {
                switch (parser.Current)
                {
                    case YamlDotNet.Core.Events.SequenceStart or YamlDotNet.Core.Events.MappingStart:
                        if (++depth > maxNesting)
                        {
                            var at = parser.Current.Start;
                            return new TaxonomyDiagnostic((int)Math.Max(1, at.Line), (int)Math.Max(1, at.Column), TaxonomyCodes.TooLarge,
                                $"nested more than {maxNesting} levels deep");
                        }
                        break;
                    case YamlDotNet.Core.Events.SequenceEnd or YamlDotNet.Core.Events.MappingEnd:
                        depth--;
                        break;
                }
            }
            return null;
        }
        catch (YamlException)
        {
            return null; // not YAML: the loader below reports it with its position
        }
    }

    private static TaxonomyCompilation Fail(List<TaxonomyDiagnostic> diagnostics)
    {
        diagnostics.Sort((a, b) => a.Line != b.Line ? a.Line.CompareTo(b.Line) : a.Column.CompareTo(b.Column));
        return new TaxonomyCompilation(null, diagnostics);
    }

    private static TaxonomyDiagnostic At(YamlNode node, string code, string message, string? tag = null) =>
        new((int)Math.Max(1, node.Start.Line), (int)Math.Max(1, node.Start.Column), code, message, tag);

    private static string Clean(string message)
    {
        // YamlDotNet prefixes messages with "(Line: …, Col: …, Idx: …) - (…): "; the diagnostic carries the position.
        var at = message.LastIndexOf("): ", StringComparison.Ordinal);
        return at >= 0 ? message[(at + 3)..] : message;
    }

    internal sealed record Parameter(string Name, IReadOnlyList<(string Value, string Zh, string En)> Values);

    internal sealed record FamilyEntry(TaxonomyFamily Family, YamlNode Node);
}
