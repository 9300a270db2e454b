using LiveProfile.Engine.Features;
using LiveProfile.Engine.Tags.Language;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace LiveProfile.Engine.Tags.Taxonomy;

public static partial class TaxonomyCompiler
{
    /// <summary>Walks the YAML tree, collecting diagnostics instead of throwing.</summary>
    private sealed class Reader(List<TaxonomyDiagnostic> diagnostics, TaxonomyLimits limits)
    {
        public void CheckKeys(YamlMappingNode node, string[] allowed, string what, string? tag = null)
        {
            foreach (var key in node.Children.Keys)
            {
                var name = (key as YamlScalarNode)?.Value ?? "";
                if (!allowed.Contains(name))
                {
                    diagnostics.Add(At(key, TaxonomyCodes.UnknownField, $"unknown field '{name}' in {what}; expected one of {string.Join(", ", allowed)}", tag));
                }
            }
        }

        public static YamlNode? Child(YamlMappingNode node, string key) =>
            node.Children.TryGetValue(new YamlScalarNode(key), out var child) ? child : null;

        private string? Scalar(YamlMappingNode node, string key, string? tag, bool required)
        {
            var child = Child(node, key);
            if (child is null)
            {
                if (required) diagnostics.Add(At(node, TaxonomyCodes.MissingField, $"missing field '{key}'", tag));
                return null;
            }
            if (child is YamlScalarNode { Value: { } value } && value.Length > 0) return value;
            diagnostics.Add(At(child, TaxonomyCodes.Shape, $"'{key}' must be a non-empty text", tag));
            return null;
        }

        private (string Zh, string En)? Names(YamlNode? node, string what, string? tag)
        {
            if (node is not YamlMappingNode map)
            {
                if (node is not null) diagnostics.Add(At(node, TaxonomyCodes.Shape, $"{what} must be a mapping with 'zh' and 'en'", tag));
                return null;
            }
            CheckKeys(map, ["zh", "en"], what, tag);
            var zh = Scalar(map, "zh", tag, required: true);
            var en = Scalar(map, "en", tag, required: true);
            if (zh is null || en is null) return null;
            if (zh.Length > limits.MaxNameLength || en.Length > limits.MaxNameLength)
            {
                diagnostics.Add(At(map, TaxonomyCodes.TooLarge, $"names are limited to {limits.MaxNameLength} characters", tag));
            }
            return (zh, en);
        }

        public Dictionary<string, Parameter> Parameters(YamlNode? node)
        {
            var result = new Dictionary<string, Parameter>(StringComparer.Ordinal);
            if (node is null) return result;
            if (node is not YamlMappingNode map)
            {
                diagnostics.Add(At(node, TaxonomyCodes.Shape, "'parameters' must map each parameter name to its values"));
                return result;
            }
            foreach (var (keyNode, valuesNode) in map.Children)
            {
                var name = (keyNode as YamlScalarNode)?.Value ?? "";
                if (!ParameterName().IsMatch(name))
                {
                    diagnostics.Add(At(keyNode, TaxonomyCodes.InvalidId, $"parameter name '{name}' must be lower-case letters, digits and '_'"));
                    continue;
                }
                var values = new List<(string, string, string)>();
                switch (valuesNode)
                {
                    case YamlSequenceNode list:
                        foreach (var item in list.Children)
                        {
                            if (Value(item) is { } v) values.Add((v, v, v));
                        }
                        break;
                    case YamlMappingNode labelled:
                        foreach (var (valueNode, labels) in labelled.Children)
                        {
                            if (Value(valueNode) is { } v && Names(labels, $"the names of '{v}'", null) is { } n) values.Add((v, n.Zh, n.En));
                        }
                        break;
                    default:
                        diagnostics.Add(At(valuesNode, TaxonomyCodes.Shape, $"parameter '{name}' must be a list of values or a mapping of value → {{zh, en}}"));
                        continue;
                }
                if (values.Count == 0) diagnostics.Add(At(valuesNode, TaxonomyCodes.Shape, $"parameter '{name}' has no values"));
                if (values.Count > limits.MaxParameterValues)
                {
                    diagnostics.Add(At(valuesNode, TaxonomyCodes.TooLarge, $"parameter '{name}' has {values.Count} values; at most {limits.MaxParameterValues} are allowed"));
                }
                var duplicate = values.GroupBy(v => v.Item1, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
                if (duplicate is not null) diagnostics.Add(At(valuesNode, TaxonomyCodes.DuplicateId, $"parameter '{name}' lists '{duplicate.Key}' twice"));
                result[name] = new Parameter(name, values);
            }
            return result;
        }

        private string? Value(YamlNode node)
        {
            if (node is YamlScalarNode { Value: { Length: > 0 } value } && value.Length <= limits.MaxNameLength && TagId().IsMatch(value) && !value.Contains('$'))
            {
                return value;
            }
            diagnostics.Add(At(node, TaxonomyCodes.InvalidId,
                $"a parameter value must be 1–{limits.MaxNameLength} letters, digits or _ : + - . (it becomes part of tag ids)"));
            return null;
        }

        public Dictionary<string, FamilyEntry> Families(YamlNode? node)
        {
            var result = new Dictionary<string, FamilyEntry>(StringComparer.Ordinal);
            if (node is not YamlMappingNode map)
            {
                diagnostics.Add(node is null
                    ? new TaxonomyDiagnostic(1, 1, TaxonomyCodes.MissingField, "missing 'families': a mapping of family id → {zh, en}")
                    : At(node, TaxonomyCodes.Shape, "'families' must map each family id to {zh, en}"));
                return result;
            }
            foreach (var (keyNode, names) in map.Children)
            {
                var id = (keyNode as YamlScalarNode)?.Value ?? "";
                if (!ParameterName().IsMatch(id))
                {
                    diagnostics.Add(At(keyNode, TaxonomyCodes.InvalidId, $"family id '{id}' must be lower-case letters, digits and '_'"));
                    continue;
                }
                if (Names(names, $"family '{id}'", null) is { } n) result[id] = new FamilyEntry(new TaxonomyFamily(id, n.Zh, n.En), keyNode);
            }
            return result;
        }

        /// <summary>One definition, expanded over its parameter's values.</summary>
        public IEnumerable<CompiledTag> Definition(YamlNode node, Dictionary<string, Parameter> parameters, Dictionary<string, FamilyEntry> families)
        {
            if (node is not YamlMappingNode map)
            {
                diagnostics.Add(At(node, TaxonomyCodes.Shape, "a tag definition must be a mapping with id, family, name and when"));
                yield break;
            }
            var id = Scalar(map, "id", null, required: true);
            if (id is null) yield break;
            var errors = diagnostics.Count;
            CheckKeys(map, TagKeys_, "a tag definition", id);
            if (id.Length > limits.MaxNameLength || !TagId().IsMatch(id))
            {
                diagnostics.Add(At(Child(map, "id")!, TaxonomyCodes.InvalidId,
                    "a tag id is letters, digits and _ : + - . with at most one $parameter, e.g. 'interest:$category'", id));
                yield break;
            }
            var family = Scalar(map, "family", id, required: true);
            if (family is not null && !families.ContainsKey(family))
            {
                diagnostics.Add(At(Child(map, "family")!, TaxonomyCodes.UnknownFamily, $"unknown family '{family}'; the taxonomy defines {string.Join(", ", families.Keys)}", id));
            }
            var name = Names(Child(map, "name"), "'name'", id);
            if (name is null && Child(map, "name") is null) diagnostics.Add(At(map, TaxonomyCodes.MissingField, "missing field 'name' ({zh, en})", id));
            var model = Scalar(map, "model", id, required: false);
            var shift = Child(map, "interestShift") is YamlScalarNode { Value: "true" };
            var whenNode = Child(map, "when") as YamlScalarNode;
            if (whenNode is null) diagnostics.Add(At(Child(map, "when") ?? map, TaxonomyCodes.MissingField, "missing 'when': the tag's condition in the tag language", id));
            var weightNode = Child(map, "weight");
            if (weightNode is not null and not YamlScalarNode) diagnostics.Add(At(weightNode, TaxonomyCodes.Shape, "'weight' must be an expression", id));

            // The parameter of a parametric id, and the values it ranges over.
            var dollar = id.IndexOf('$');
            string? parameterName = null;
            IReadOnlyList<(string Value, string Zh, string En)> values = [("", "", "")];
            if (dollar >= 0)
            {
                var end = dollar + 1;
                while (end < id.Length && (char.IsAsciiLetterLower(id[end]) || char.IsAsciiDigit(id[end]) || id[end] == '_')) end++;
                parameterName = id[(dollar + 1)..end];
                if (!parameters.TryGetValue(parameterName, out var parameter))
                {
                    diagnostics.Add(At(Child(map, "id")!, TaxonomyCodes.UnknownParameter,
                        $"unknown parameter '${parameterName}'; 'parameters' defines {(parameters.Count == 0 ? "none" : string.Join(", ", parameters.Keys.Select(k => "$" + k)))}", id));
                    yield break;
                }
                values = parameter.Values;
            }
            var overrides = NameOverrides(Child(map, "names"), id, values);
            if (diagnostics.Count > errors || whenNode is null || name is null || family is null) yield break;

            var when = Template(whenNode, TagValueType.Bool, "when", id, parameterName);
            var weight = weightNode is YamlScalarNode w ? Template(w, TagValueType.Number, "weight", id, parameterName) : null;
            if (when is null || (weightNode is not null && weight is null)) yield break;

            foreach (var (value, zh, en) in values)
            {
                var bound = parameterName is null ? new Dictionary<string, string>() : new Dictionary<string, string> { [parameterName] = value };
                var instanceId = parameterName is null ? id : id.Replace("$" + parameterName, value, StringComparison.Ordinal);
                var whenInstance = Instantiate(when, bound, whenNode, "when", instanceId);
                var weightInstance = weight is null ? null : Instantiate(weight, bound, (YamlScalarNode)weightNode!, "weight", instanceId);
                if (whenInstance is null || (weight is not null && weightInstance is null)) continue;
                var names = overrides.TryGetValue(value, out var o) ? o
                    : (Zh: Fill(name.Value.Zh, parameterName, zh), En: Fill(name.Value.En, parameterName, en));
                yield return new CompiledTag
                {
                    Id = instanceId,
                    Definition = id,
                    Parameters = bound,
                    Family = family,
                    NameZh = names.Zh,
                    NameEn = names.En,
                    When = whenInstance,
                    Weight = weightInstance,
                    Source = model is null ? TagSource.Rule : TagSource.Model,
                    Model = model,
                    IsInterestShift = shift,
                    Inputs = weightInstance is null ? [whenInstance.Inputs] : [whenInstance.Inputs, weightInstance.Inputs],
                    Line = (int)map.Start.Line,
                };
            }
        }

        private Dictionary<string, (string Zh, string En)> NameOverrides(YamlNode? node, string id, IReadOnlyList<(string Value, string Zh, string En)> values)
        {
            var result = new Dictionary<string, (string, string)>(StringComparer.Ordinal);
            if (node is null) return result;
            if (node is not YamlMappingNode map)
            {
                diagnostics.Add(At(node, TaxonomyCodes.Shape, "'names' must map parameter values to {zh, en}", id));
                return result;
            }
            foreach (var (keyNode, names) in map.Children)
            {
                var value = (keyNode as YamlScalarNode)?.Value ?? "";
                if (!values.Any(v => v.Value == value))
                {
                    diagnostics.Add(At(keyNode, TaxonomyCodes.UnknownParameter, $"'names' overrides '{value}', which is not a value of the tag's parameter", id));
                    continue;
                }
                if (Names(names, $"the names of '{value}'", id) is { } n) result[value] = n;
            }
            return result;
        }

        private static string Fill(string template, string? parameter, string label) =>
            parameter is null ? template : template.Replace("{" + parameter + "}", label, StringComparison.Ordinal);

        private TagExpression? Template(YamlScalarNode node, TagValueType type, string field, string id, string? parameterName)
        {
            var compilation = TagExpression.Compile(node.Value ?? "", new TagCompileOptions { ExpectedType = type });
            if (!compilation.Success)
            {
                Report(node, compilation.Diagnostics, field, id);
                return null;
            }
            var expression = compilation.Expression!;
            foreach (var used in expression.Parameters)
            {
                if (used != parameterName)
                {
                    diagnostics.Add(At(node, TaxonomyCodes.UnknownParameter,
                        $"'{field}' uses ${used}, but the tag id {(parameterName is null ? "has no parameter" : $"ranges over ${parameterName}")}", id));
                    return null;
                }
            }
            return expression;
        }

        private TagExpression? Instantiate(TagExpression template, Dictionary<string, string> parameters, YamlScalarNode node, string field, string id)
        {
            if (!template.IsTemplate) return template;
            var compilation = template.Instantiate(parameters);
            if (compilation.Success) return compilation.Expression;
            Report(node, compilation.Diagnostics, field, id);
            return null;
        }

        private void Report(YamlScalarNode node, IReadOnlyList<Diagnostic> found, string field, string id)
        {
            foreach (var d in found)
            {
                // A one-line plain or quoted scalar maps expression columns onto the file exactly; block
                // scalars fold lines, so those point at the scalar and quote the expression position.
                var line = (int)node.Start.Line;
                var column = (int)node.Start.Column;
                var exact = d.Line == 1 && node.Style is ScalarStyle.Plain or ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted
                    && node.Start.Line == node.End.Line;
                if (exact) column += d.Column - 1 + (node.Style == ScalarStyle.Plain ? 0 : 1);
                var where = exact ? "" : $" (at {d.Line}:{d.Column} of the expression)";
                diagnostics.Add(new TaxonomyDiagnostic(line, column, d.Code, $"in '{field}': {d.Message}{where}", id));
            }
        }
    }
}
