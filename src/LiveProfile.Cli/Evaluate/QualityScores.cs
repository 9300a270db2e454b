namespace LiveProfile.Cli.Evaluate;

/// <summary>Per-tag and per-family precision and recall of the server's profiles against the ground truth.</summary>
internal sealed class QualityScores
{
    private const int ExamplesKept = 5;
    private readonly Dictionary<string, TagScore> _tags;

    public QualityScores(IEnumerable<TaxonomyTag> ruleTags) =>
        _tags = ruleTags.ToDictionary(t => t.Id, t => new TagScore(t.Id, t.Family), StringComparer.Ordinal);

    public int People { get; private set; }
    public int MissingProfiles { get; private set; }

    public IEnumerable<TagScore> Tags => _tags.Values;

    /// <summary>One person: the tags they should carry against the tags their profile carries (null: no profile).</summary>
    public void Add(TruthLine person, HashSet<string>? carried)
    {
        People++;
        if (carried is null) MissingProfiles++;
        foreach (var tag in person.Tags)
        {
            if (!_tags.TryGetValue(tag, out var score)) continue;
            if (carried?.Contains(tag) == true)
            {
                score.TruePositives++;
                continue;
            }
            score.FalseNegatives++;
            Note(score, score.FalseNegativeExamples, person);
        }
        if (carried is null) return;
        var truth = person.Tags.ToHashSet(StringComparer.Ordinal);
        foreach (var tag in carried)
        {
            if (!_tags.TryGetValue(tag, out var score) || truth.Contains(tag)) continue;
            score.FalsePositives++;
            Note(score, score.FalsePositiveExamples, person);
        }
    }

    private static void Note(TagScore score, List<string> examples, TruthLine person)
    {
        if (person.Unlinked) score.ErrorsOnUnlinked++;
        else if (examples.Count < ExamplesKept) examples.Add(person.Person); // examples explain the rules, not identity noise
    }

    public IEnumerable<TagScore> Families() =>
        _tags.Values.GroupBy(t => t.Family).Select(g =>
        {
            var family = new TagScore(g.Key, g.Key);
            foreach (var t in g) family.Add(t);
            return family;
        });

    public TagScore Overall()
    {
        var all = new TagScore("all", "");
        foreach (var t in _tags.Values) all.Add(t);
        return all;
    }
}
