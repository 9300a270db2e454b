using System.Globalization;

namespace LiveProfile.Server.Rooms;

/// <summary>
/// The talk-track table (话术建议): rules mapping a room's composition to advice for the streamer. Shipped as
/// <c>Rooms/talk-tracks.yaml</c>, copied into the data directory on first start, and read from there, so an operator
/// edits the copy and restarts.
/// </summary>
internal sealed class TalkTrackRules(IReadOnlyList<TalkTrackRule> rules)
{
    public const string FileName = "talk-tracks.yaml";
    private const string Resource = "LiveProfile.Server.talk-tracks.yaml";
    private const int MaxRules = 200;

    public IReadOnlyList<TalkTrackRule> Rules { get; } = rules;

    /// <summary>The rules in the data directory, written there from the shipped table when missing.</summary>
    /// <exception cref="InvalidDataException">The file is not a valid table (the message names the rule and the field).</exception>
    public static TalkTrackRules LoadOrCreate(string dataDirectory)
    {
        var (text, path) = OperatorTable.LoadOrCopy(dataDirectory, FileName, Resource);
        return Parse(text, path);
    }

    public static string Shipped() => OperatorTable.Shipped(Resource);

    /// <exception cref="InvalidDataException">The text is not a valid table.</exception>
    public static TalkTrackRules Parse(string yaml, string source)
    {
        var file = OperatorTable.Deserialize<TableFile>(yaml, source);
        var rules = file?.Rules ?? [];
        if (rules.Count > MaxRules) throw new InvalidDataException($"{source}: at most {MaxRules} rules");
        var ids = new HashSet<string>(StringComparer.Ordinal);
        return new TalkTrackRules([.. rules.Select((r, i) => Validate(r, i, ids, source))]);
    }

    private static TalkTrackRule Validate(RuleFile r, int index, HashSet<string> ids, string source)
    {
        var where = $"{source}: rule {index + 1}{(r.Id is { } id ? $" ({id})" : "")}";
        if (string.IsNullOrWhiteSpace(r.Id)) throw new InvalidDataException($"{where}: needs an id");
        if (!ids.Add(r.Id)) throw new InvalidDataException($"{where}: the id is used twice");
        var targets = (r.Tag is not null ? 1 : 0) + (r.Family is not null ? 1 : 0) + (r.NewViewers == true ? 1 : 0);
        if (targets != 1) throw new InvalidDataException($"{where}: give exactly one of tag:, family: or new_viewers: true");
        if (r.MinShare is not (> 0 and <= 1)) throw new InvalidDataException($"{where}: min_share must be above 0 and at most 1");
        if (r.MinViewers is < 0) throw new InvalidDataException($"{where}: min_viewers must not be negative");
        if (string.IsNullOrWhiteSpace(r.Zh) || string.IsNullOrWhiteSpace(r.En)) throw new InvalidDataException($"{where}: needs the advice in zh and en");
        var target = r.Tag is { } tag ? new TalkTrackTarget(TalkTrackTargetKind.Tag, tag)
            : r.Family is { } family ? new TalkTrackTarget(TalkTrackTargetKind.Family, family)
            : new TalkTrackTarget(TalkTrackTargetKind.NewViewers, "new_viewers");
        return new TalkTrackRule(r.Id, target, r.MinShare.Value, r.MinViewers ?? 0, r.Zh, r.En);
    }

    private sealed class TableFile
    {
        public List<RuleFile>? Rules { get; set; }
    }

    private sealed class RuleFile
    {
        public string? Id { get; set; }
        public string? Tag { get; set; }
        public string? Family { get; set; }
        public bool? NewViewers { get; set; }
        public double? MinShare { get; set; }
        public int? MinViewers { get; set; }
        public string? Zh { get; set; }
        public string? En { get; set; }
    }
}

internal enum TalkTrackTargetKind
{
    Tag,
    Family,
    NewViewers,
}

/// <summary>What a rule looks at: viewers carrying a tag, viewers with any tag of a family, or first-time viewers.</summary>
internal sealed record TalkTrackTarget(TalkTrackTargetKind Kind, string Id)
{
    public override string ToString() => Kind switch
    {
        TalkTrackTargetKind.Tag => Id,
        TalkTrackTargetKind.Family => "family:" + Id,
        _ => "new_viewers",
    };
}

internal sealed record TalkTrackRule(string Id, TalkTrackTarget Target, double MinShare, int MinViewers, string Zh, string En)
{
    public string Describe() => string.Create(CultureInfo.InvariantCulture, $"{Target} ≥ {MinShare:P0}");
}
