using LiveProfile.Engine.Contract;
using LiveProfile.Engine.Features;
using LiveProfile.Engine.Identity;
using LiveProfile.Engine.Partitioning;
using LiveProfile.Engine.Tags;
using LiveProfile.Engine.Tags.Taxonomy;
using LiveProfile.Text;
using static LiveProfile.Engine.Tests.Events;

namespace LiveProfile.Engine.Tests.Tags;

/// <summary>
/// An engine with the default taxonomy, a catalogue over the eight top-level categories, the real
/// comment classifier, and a change feed: scripted users are sent through the dispatcher and their
/// tags read back as the engine holds them.
/// </summary>
internal sealed class TagHarness
{
    public const long Minute = 60_000;
    public const long Hour = 60 * Minute;
    public const long Day = 24 * Hour;

    private long _lsn;

    public TagHarness(CompiledTaxonomy? taxonomy = null, int partitions = 1)
    {
        Tags = new TagRuntime(partitions, taxonomy ?? CompiledTaxonomy.Default, Changes);
        Host = new LocalPartitionHost(new EngineOptions { Partitions = partitions, CommentClassifier = RealClassifier.Instance }, tags: Tags);
        Dispatcher = new EngineDispatcher(Host, new IdentityGraph());
        SendAsync(Catalog()).GetAwaiter().GetResult();
    }

    public TagChangeHub Changes { get; } = new();
    public TagRuntime Tags { get; }
    public LocalPartitionHost Host { get; }
    public EngineDispatcher Dispatcher { get; }

    public static EventRecord[] Catalog() =>
    [
        Product("serum", "beauty/skincare/serum", 199, "花西子", "国潮"), Product("serum-b", "beauty/skincare/serum", 299, "兰蔻"),
        Product("cream", "beauty/skincare/cream", 99, "自然堂", "国潮"), Product("mask", "beauty/skincare/mask", 59, "森田"),
        Product("fridge", "appliance/kitchen/fridge", 3999, "海尔"), Product("washer", "appliance/laundry/washer", 2999, "小天鹅"),
        Product("fan", "appliance/cooling/fan", 199, "美的"),
        Product("phone", "digital/phone", 2999, "华为", "国潮"), Product("earbuds", "digital/audio", 399, "小米"), Product("cable", "digital/accessory", 29, "绿联"),
        Product("snack", "food/snack", 29, "三只松鼠"), Product("tea", "food/tea", 88, "茶颜悦色", "国潮"), Product("nuts", "food/snack", 59, "良品铺子"),
        Product("coat", "fashion/coat", 599, "李宁", "国潮"), Product("tee", "fashion/tee", 99, "优衣库"),
        Product("diaper", "mother_baby/diaper", 129, "帮宝适"), Product("bottle", "mother_baby/bottle", 89, "贝亲"),
        Product("lamp", "home/light", 199, "欧普"), Product("pillow", "home/bedding", 99, "水星"),
        Product("shoes", "sports/shoes", 699, "安踏", "国潮"), Product("mat", "sports/yoga", 129, "Keep"),
    ];

    public async Task SendAsync(params EventRecord[] events)
    {
        var numbered = events.Select(e => (++_lsn, e)).ToList();
        await Dispatcher.DispatchAsync(numbered);
    }

    public Task SendAsync(IEnumerable<EventRecord> events) => SendAsync(events.ToArray());

    /// <summary>Moves every partition's event-time clock and runs the sweeps it causes to the end.</summary>
    public void AdvanceClock(long tsMs)
    {
        foreach (var engine in Host.Engines)
        {
            engine.Tick(tsMs);
            engine.CompleteTagWork();
        }
    }

    public void CompleteTagWork()
    {
        foreach (var engine in Host.Engines) engine.CompleteTagWork();
    }

    public (PartitionEngine Engine, Profile Profile) Locate(Pseudonym user)
    {
        var (profile, partition) = Dispatcher.Locate(user.Hash);
        Assert.True(profile != 0, $"{user} has no profile");
        var engine = Host.Engines[partition];
        return (engine, engine.Find(profile)!);
    }

    public IReadOnlyList<string> TagsOf(Pseudonym user) =>
        [.. Locate(user).Profile.Tags.ToArray().Select(t => TagKeys.Name(t.Tag)).Order(StringComparer.Ordinal)];

    public bool Has(Pseudonym user, string tag) => TagsOf(user).Contains(tag);

    public ProfileTag Tag(Pseudonym user, string tag)
    {
        var found = Locate(user).Profile.Tags.ToArray().Where(t => TagKeys.Name(t.Tag) == tag).ToList();
        Assert.True(found.Count == 1, $"{user} does not carry {tag}; it carries {string.Join(", ", TagsOf(user))}");
        return found[0];
    }

    /// <summary>Why the tag holds or not, for assertion messages.</summary>
    public string Why(Pseudonym user, string tag)
    {
        var (engine, profile) = Locate(user);
        return engine.Explain(profile.Id, tag)?.When.Summary ?? "(unknown tag)";
    }

    public IReadOnlyList<TagChange> ChangesOf(Pseudonym user)
    {
        var profile = Locate(user).Profile.Id;
        return [.. Changes.Recent(0, c => c.Profile == profile, int.MaxValue).Select(c => c.Change)];
    }

    /// <summary>A live session of a room presenting the products, scheduled at <paramref name="startsAt"/>.</summary>
    public static EventRecord Session(string id, string room, long startsAt, params string[] products)
    {
        var e = new EventRecord { Tenant = "t", Id = "cs-" + id, Type = EventType.CatalogSession, TsMs = startsAt - Day, Session = id };
        e.Props.SessionRoom = room;
        e.Props.StartsAtMs = startsAt;
        e.Props.Products = [.. products];
        return e;
    }

    public static EventRecord Comment(long ts, Pseudonym user, string text, string room = "room1") =>
        User(EventType.LiveComment, ts, [user], room: room, props: p => p.Text = text);

    /// <summary>Join, a heartbeat every minute as live clients send, then leave after <paramref name="minutes"/>.</summary>
    public static EventRecord[] Watch(long joinTs, Pseudonym user, double minutes, string room = "room1") =>
    [
        User(EventType.LiveJoin, joinTs, [user], room: room),
        .. Enumerable.Range(1, (int)minutes).Select(m => User(EventType.LiveHeartbeat, joinTs + m * Minute, [user], room: room)),
        User(EventType.LiveLeave, joinTs + (long)(minutes * Minute), [user], room: room),
    ];

    private sealed class RealClassifier : ICommentIntentClassifier
    {
        public static readonly RealClassifier Instance = new();

        public CommentIntent Classify(string text) =>
            Engine.Contract.CommentIntents.TryParse(CommentIntentClassifier.Default.Classify(text).Intent, out var intent) ? intent : CommentIntent.Other;
    }
}
