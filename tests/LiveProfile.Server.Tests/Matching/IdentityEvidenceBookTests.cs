using LiveProfile.Engine.Contract;
using LiveProfile.Engine.Identity;
using LiveProfile.Engine.Partitioning;
using LiveProfile.Engine.Tags;
using LiveProfile.Engine.Tags.Taxonomy;
using LiveProfile.Server.Matching;

namespace LiveProfile.Server.Tests.Matching;

/// <summary>The evidence the matcher reads from the log: newest names, addresses as tokens, consent, and records by profile.</summary>
public sealed class IdentityEvidenceBookTests
{
    private static readonly Pseudonym V1 = new(IdentifierKind.Viewer, 0x11), V2 = new(IdentifierKind.Viewer, 0x12), A1 = new(IdentifierKind.Account, 0x21);
    private static readonly Pseudonym Name1 = new(IdentifierKind.Nickname, 0x31), Name2 = new(IdentifierKind.Nickname, 0x32);

    private readonly Dictionary<string, RawIdentity> _sealed = [];
    private int _unsealed;

    private RawIdentity? Unseal(EventRecord e)
    {
        _unsealed++;
        return _sealed.GetValueOrDefault(e.Id);
    }

    private EventRecord Event(string id, EventType type, long minute, Pseudonym[] ids, RawIdentity? raw = null, string? product = null)
    {
        if (raw is not null) _sealed[id] = raw;
        return new EventRecord
        {
            Tenant = "t", Id = id, Type = type, TsMs = minute * 60_000, Ids = [.. ids], Product = product, Room = "r1",
            Sealed = raw is null ? null : [1],
        };
    }

    [Fact]
    public async Task Observe_KeepsTheNewestEvidence_UnsealsOnlyWhatIsNew_AndRecordsFollowTheGraph()
    {
        var book = new IdentityEvidenceBook();
        var profile = Event("p1", EventType.UserProfile, 1, [A1], new RawIdentity { Address = "浙江省杭州市西湖区文化路8号翠苑3栋" });
        profile.Props.Province = "浙江";
        profile.Props.City = "杭州";
        var consent = Event("c1", EventType.UserConsent, 2, [V2]);
        consent.Props.Purposes = new ConsentPurposes(false, null, null);
        EventRecord[] events =
        [
            profile,
            Event("e1", EventType.LiveProductClick, 10, [V1, Name1], new RawIdentity { Nickname = "小鹿酱" }, "sku-1"),
            Event("e2", EventType.LiveProductClick, 20, [V1, Name1], new RawIdentity { Nickname = "小鹿酱" }, "sku-2"),
            Event("e3", EventType.LiveLike, 5, [V1, Name2], new RawIdentity { Nickname = "旧名字" }), // late, an older name
            Event("e4", EventType.ShopView, 12, [A1], product: "sku-1"),
            Event("e5", EventType.LiveLike, 30, [V2, Name2], new RawIdentity { Nickname = "旧名字" }),
            consent,
        ];
        foreach (var e in events) book.Observe(e, Unseal);

        // The address and e1's name were read; e2 had the same name; the late e3 is older than the name held; e5's was new.
        Assert.Equal(3, _unsealed);
        Assert.Equal([V1.Hash, V2.Hash, A1.Hash], book.TakeChanged().Order());
        Assert.Empty(book.TakeChanged());

        var dispatcher = await DispatcherAsync(events);
        var population = book.Records(dispatcher, book.All);
        var account = Assert.Single(population.Accounts);
        Assert.Equal(A1.ToString(), account.Id);
        Assert.Equal(["西湖区", "文化路", "8号", "翠苑", "3栋"], account.AddressTokens);
        Assert.Equal(("浙江", "杭州"), (account.Province, account.City));
        var viewer = Assert.Single(population.Viewers); // V2 withdrew analytics consent: never matched
        Assert.Equal((V1.ToString(), "小鹿酱"), (viewer.Id, viewer.Nickname));
        Assert.Equal(["sku-2", "sku-1"], viewer.Touches!.Select(t => t.Product));

        // Linked, the viewer's evidence joins the account's record, and both identifiers are records to build again.
        var link = Event("l1", EventType.IdentityLink, 40, [V1]);
        link.Props.LinkedIds = [A1];
        book.Observe(link, Unseal);
        Assert.Equal([V1.Hash, A1.Hash], book.TakeChanged().Order());
        await dispatcher.DispatchAsync([(events.Length + 1, link)]);
        var merged = Assert.Single(book.Records(dispatcher, book.All).Accounts);
        Assert.Equal("小鹿酱", merged.Nickname);
        Assert.Equal(2, merged.Touches!.Count(t => t.Product == "sku-1"));
    }

    private static async Task<EngineDispatcher> DispatcherAsync(EventRecord[] events)
    {
        var host = new LocalPartitionHost(new EngineOptions { Partitions = 1 }, parallel: false, new TagRuntime(1, CompiledTaxonomy.None));
        var dispatcher = new EngineDispatcher(host, new IdentityGraph());
        await dispatcher.DispatchAsync([.. events.Select((e, i) => ((long)i + 1, e))]);
        return dispatcher;
    }
}
