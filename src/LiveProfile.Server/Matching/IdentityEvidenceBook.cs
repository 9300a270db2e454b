using System.Globalization;
using LiveProfile.Engine.Contract;
using LiveProfile.Engine.Partitioning;
using LiveProfile.Matching;

namespace LiveProfile.Server.Matching;

/// <summary>
/// One tenant's evidence for matching, by identifier, read from the log in order (<see cref="Observe"/>), and the person
/// records it makes of the current identity graph (<see cref="Records"/>): a profile with a shop account is an account to
/// match against; a profile of live viewers without one is a record to match. An event's evidence belongs to its first
/// identifier, as its routing does. The identifiers with new evidence are remembered for the next pass
/// (<see cref="TakeChanged"/>). Single writer: the matching pass.
/// </summary>
internal sealed class IdentityEvidenceBook
{
    private readonly Dictionary<ulong, IdentityEvidence> _byIdentifier = [];
    private HashSet<ulong> _changed = [];

    public int Count => _byIdentifier.Count;

    /// <param name="unseal">The event's raw identifiers and PII (null when erased); called only when a new nickname or an address needs reading.</param>
    public void Observe(EventRecord e, Func<EventRecord, RawIdentity?> unseal)
    {
        if (!e.Type.RequiresUser() || e.Type == EventType.IdentityReject) return;
        if (e.Type.IsLink() || e.Type == EventType.IdentityUnmerge)
        {
            // The graph changed: the profiles on both sides are records to build again (an account now, or a viewer again).
            foreach (var id in e.Props.LinkedIds is { } linked ? e.Ids.Concat(linked) : e.Ids)
            {
                if (_byIdentifier.ContainsKey(id.Hash)) _changed.Add(id.Hash);
            }
            return;
        }
        Pseudonym? owner = null, nickname = null;
        foreach (var id in e.Ids)
        {
            if (id.Kind == IdentifierKind.Nickname) nickname ??= id;
            else owner ??= id;
        }
        if (owner is not { } who) return;
        if (!_byIdentifier.TryGetValue(who.Hash, out var evidence)) _byIdentifier[who.Hash] = evidence = new IdentityEvidence();
        _changed.Add(who.Hash);
        RawIdentity? raw = null;
        if (nickname is { } n && n.Hash != evidence.NicknameHash && e.TsMs >= evidence.NicknameAtMs
            && (raw = unseal(e))?.Nickname is { } name)
        {
            evidence.SetNickname(name, n.Hash, e.TsMs);
        }
        switch (e.Type)
        {
            case EventType.UserProfile:
                evidence.SetRegion(e.Props.Province, e.Props.City, e.TsMs);
                if (e.Sealed is not null && e.TsMs >= evidence.AddressAtMs && (raw ?? unseal(e))?.Address is { } address)
                {
                    evidence.SetAddress(AddressTokens.Of(address), e.TsMs);
                }
                break;
            case EventType.UserConsent when e.Props.Purposes?.Analytics is { } analytics:
                evidence.SetAnalytics(analytics);
                break;
            case EventType.LiveProductClick or EventType.ShopView or EventType.ShopCartAdd when e.Product is { } product:
                evidence.Touch(product, e.TsMs);
                break;
            case EventType.ShopOrder when e.Props.Items is { } items:
                foreach (var item in items) evidence.Touch(item.Product, e.TsMs);
                break;
        }
    }

    /// <summary>Identifiers with new evidence since the last call; the next call starts empty.</summary>
    public IReadOnlyCollection<ulong> TakeChanged()
    {
        var changed = _changed;
        _changed = [];
        return changed;
    }

    /// <summary>Every identifier with evidence.</summary>
    public IEnumerable<ulong> All => _byIdentifier.Keys;

    /// <summary>
    /// The accounts and the unlinked viewers among the profiles of <paramref name="identifiers"/>, as the graph groups
    /// identifiers now, each record named by the identifier a link would join (its account, or its first viewer id).
    /// Profiles any of whose identifiers withdrew analytics consent are left out.
    /// </summary>
    public MatchingPopulation Records(EngineDispatcher dispatcher, IEnumerable<ulong> identifiers)
    {
        var population = new MatchingPopulation();
        var seen = new HashSet<ulong>();
        foreach (var hash in identifiers)
        {
            var (profile, _) = dispatcher.Locate(hash);
            if (profile == 0 || !seen.Add(profile)) continue;
            var members = dispatcher.Members(profile);
            var known = new List<IdentityEvidence>(members.Count);
            foreach (var m in members) if (_byIdentifier.TryGetValue(m.Hash, out var evidence)) known.Add(evidence);
            if (known.Count == 0 || known.Any(e => e.AnalyticsWithdrawn)) continue;
            var account = members.FirstOrDefault(m => m.Kind == IdentifierKind.Account);
            var side = account.Hash != 0 ? account : members.FirstOrDefault(m => m.Kind == IdentifierKind.Viewer);
            if (side.Hash == 0) continue; // devices or phones alone: neither a viewer to match nor an account
            population.Add(Record(side, members, known), side, isAccount: account.Hash != 0);
        }
        return population;
    }

    private static PersonRecord Record(Pseudonym side, IReadOnlyList<Pseudonym> members, List<IdentityEvidence> evidence)
    {
        static string Hex(ulong hash) => hash.ToString("x16", CultureInfo.InvariantCulture);
        var named = evidence.Where(e => e.Nickname is not null).MaxBy(e => e.NicknameAtMs);
        var region = evidence.Where(e => e.RegionAtMs > long.MinValue).MaxBy(e => e.RegionAtMs);
        var address = evidence.Where(e => e.AddressTokens is not null).MaxBy(e => e.AddressAtMs);
        var all = new List<ProductTouch>();
        foreach (var e in evidence) all.AddRange(e.Touches);
        var touches = all.OrderByDescending(t => t.Minute).Take(IdentityEvidence.MaxTouches).ToArray();
        var devices = members.Where(m => m.Kind == IdentifierKind.Device).Select(m => Hex(m.Hash)).ToArray();
        var phone = members.FirstOrDefault(m => m.Kind == IdentifierKind.Phone);
        return new PersonRecord(side.ToString(), named?.Nickname, devices.Length > 0 ? devices : null, phone.Hash != 0 ? Hex(phone.Hash) : null,
            region?.Province, region?.City, address?.AddressTokens, touches.Length > 0 ? touches : null);
    }
}

/// <summary>Records for a matching pass: accounts, unlinked viewers, and the identifier each record stands for.</summary>
internal sealed class MatchingPopulation
{
    public List<PersonRecord> Accounts { get; } = [];
    public List<PersonRecord> Viewers { get; } = [];
    public Dictionary<string, Pseudonym> Sides { get; } = new(StringComparer.Ordinal);

    public void Add(PersonRecord record, Pseudonym side, bool isAccount)
    {
        (isAccount ? Accounts : Viewers).Add(record);
        Sides[record.Id] = side;
    }
}
