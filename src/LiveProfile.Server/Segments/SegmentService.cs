using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using LiveProfile.Engine.Segments;
using LiveProfile.Engine.Tags;

namespace LiveProfile.Server.Segments;

/// <summary>
/// Segments over the partitions: expressions checked against the taxonomy in force, counts and samples summed over
/// every partition, members streamed partition by partition, and saved segments (durable, installed into the tag
/// runtime so that partitions publish their membership changes on the change feed).
/// </summary>
internal sealed partial class SegmentService
{
    public const int MaxSample = 1_000;
    private const int MembersPage = 10_000;

    private readonly SegmentStore _store;
    private readonly TagRuntime _tags;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, SavedSegment> _saved = new(StringComparer.Ordinal);

    public SegmentService(SegmentStore store, TagRuntime tags)
    {
        _store = store;
        _tags = tags;
        // A tag a later taxonomy dropped stays in a saved expression: it simply has no members now.
        var lenient = new TaxonomyVocabulary(tags.Current, acceptUnknown: true);
        foreach (var (name, expression) in store.LoadAll()) _saved[name] = new SavedSegment(name, expression, SegmentParser.Parse(expression, lenient));
        Install();
    }

    /// <summary>Lower-case letters, digits, '_' and '-', starting with a letter or digit, at most 64.</summary>
    [GeneratedRegex("^[a-z0-9][a-z0-9_-]{0,63}$")]
    public static partial Regex NameRule();

    /// <exception cref="SegmentSyntaxException">The expression cannot be used.</exception>
    public SegmentNode Parse(string expression) => SegmentParser.Parse(expression, new TaxonomyVocabulary(_tags.Current));

    public IReadOnlyList<SavedSegment> Saved
    {
        get
        {
            lock (_gate) return [.. _saved.Values.OrderBy(s => s.Name, StringComparer.Ordinal)];
        }
    }

    public SavedSegment? Find(string name)
    {
        lock (_gate) return _saved.GetValueOrDefault(name);
    }

    /// <summary>Saves a new segment; saving the same expression again is a no-op. False when the name holds another expression.</summary>
    /// <exception cref="SegmentSyntaxException">The expression cannot be used.</exception>
    public bool TrySave(string name, string expression, out SavedSegment segment)
    {
        var node = Parse(expression);
        lock (_gate)
        {
            if (_saved.TryGetValue(name, out var existing))
            {
                segment = existing;
                return existing.Expression == expression;
            }
            _store.Save(name, expression);
            _saved[name] = segment = new SavedSegment(name, expression, node);
            Install();
            return true;
        }
    }

    public bool Delete(string name)
    {
        lock (_gate)
        {
            if (!_saved.Remove(name)) return false;
            _store.Delete(name);
            Install();
            return true;
        }
    }

    /// <summary>
    /// A saved segment's size over every partition, read from the partitions' counters; counted from the expression when
    /// a partition does not have the segment (saved or deleted again meanwhile).
    /// </summary>
    public static async Task<long> CountSavedAsync(EngineRuntime runtime, SavedSegment saved)
    {
        var partitions = runtime.EngineOptions.Partitions;
        var counts = await Task.WhenAll(Enumerable.Range(0, partitions).Select(p => runtime.Partitions.Grain(p).SavedSegmentCount(saved.Name)))
            .ConfigureAwait(false);
        if (counts.All(c => c.HasValue)) return counts.Sum(c => c!.Value);
        return (await QueryAsync(runtime, saved.Expression, 0).ConfigureAwait(false)).Count;
    }

    /// <summary>The segment's size over every partition and up to <paramref name="sample"/> members, spread over the partitions.</summary>
    public static async Task<(long Count, ulong[] Sample)> QueryAsync(EngineRuntime runtime, string expression, int sample)
    {
        var partitions = runtime.EngineOptions.Partitions;
        var slices = await Task.WhenAll(Enumerable.Range(0, partitions).Select(p => runtime.Partitions.Grain(p).QuerySegment(expression, sample)))
            .ConfigureAwait(false);
        var count = slices.Sum(s => s.Count);
        // Round-robin over partitions so the sample is not all from the first one.
        var picked = new List<ulong>(sample);
        for (var i = 0; picked.Count < sample && slices.Any(s => i < s.Sample.Length); i++)
        {
            foreach (var slice in slices)
            {
                if (i < slice.Sample.Length && picked.Count < sample) picked.Add(slice.Sample[i]);
            }
        }
        return (count, [.. picked]);
    }

    /// <summary>Every member, partition by partition, a page at a time (each page as of its partition's last batch).</summary>
    public static async IAsyncEnumerable<ulong> MembersAsync(EngineRuntime runtime, string expression, [EnumeratorCancellation] CancellationToken ct)
    {
        for (var p = 0; p < runtime.EngineOptions.Partitions; p++)
        {
            var from = 0;
            while (from >= 0)
            {
                ct.ThrowIfCancellationRequested();
                var page = await runtime.Partitions.Grain(p).SegmentMembers(expression, from, MembersPage).ConfigureAwait(false);
                foreach (var member in page.Members) yield return member;
                from = page.Next;
            }
        }
    }

    private void Install() => _tags.SavedSegments = [.. _saved.Values];
}
