using System.Collections.Frozen;

namespace LiveProfile.Engine.Tags.Language;

/// <summary>
/// The allow-list of functions an expression may call, built in code (<see cref="Default"/>).
/// Names are case-sensitive; anything not listed here is an "unknown function" at compile time.
/// </summary>
public sealed partial class FunctionCatalog
{
    private readonly FrozenDictionary<string, FunctionDefinition> _byName;

    internal FunctionCatalog(IEnumerable<FunctionDefinition> functions)
    {
        Functions = [.. functions];
        _byName = Functions.ToFrozenDictionary(f => f.Name, StringComparer.Ordinal);
    }

    public IReadOnlyList<FunctionDefinition> Functions { get; }

    public bool TryGet(string name, out FunctionDefinition function)
    {
        if (_byName.TryGetValue(name, out var found))
        {
            function = found;
            return true;
        }
        function = null!;
        return false;
    }

    /// <summary>A known name close to <paramref name="name"/> (other case, or at most two edits), for "did you mean".</summary>
    internal string? Suggest(string name)
    {
        string? best = null;
        var bestDistance = 3;
        foreach (var f in Functions)
        {
            if (string.Equals(f.Name, name, StringComparison.OrdinalIgnoreCase)) return f.Name;
            var d = Distance(f.Name, name, bestDistance);
            if (d < bestDistance)
            {
                bestDistance = d;
                best = f.Name;
            }
        }
        return best;
    }

    private static int Distance(string a, string b, int cap)
    {
        if (Math.Abs(a.Length - b.Length) >= cap || b.Length > 64) return cap;
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++) previous[j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }
}
