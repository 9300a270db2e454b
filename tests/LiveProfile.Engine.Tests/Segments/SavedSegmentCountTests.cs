using LiveProfile.Engine.Contract;
using LiveProfile.Engine.Identity;
using LiveProfile.Engine.Partitioning;
using LiveProfile.Engine.Segments;
using LiveProfile.Engine.Tags;
using static LiveProfile.Engine.Tests.Events;

namespace LiveProfile.Engine.Tests.Segments;

/// <summary>Saved segments' counters against a recount from the bitmaps and from the profiles' own tags, through random traffic.</summary>
public sealed class SavedSegmentCountTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public async Task Counters_AfterRandomTagChangesMergesAndNewProfiles_EqualARecount(int seed)
    {
        var random = new Random(seed);
        var host = new LocalPartitionHost(new EngineOptions { Partitions = 2 });
        var dispatcher = new EngineDispatcher(host, new IdentityGraph());
        var vocabulary = new TaxonomyVocabulary(host.Engines[0].Taxonomy);
        SavedSegment Saved(string name, string expression) => new(name, expression, SegmentParser.Parse(expression, vocabulary));
        host.Tags.SavedSegments = [Saved("a", "gender:female and not region:上海"), Saved("b", "not gender:male")];

        var lsn = 1L;
        var ts = T0;
        for (var batch = 0; batch < 30; batch++)
        {
            if (batch == 12) host.Tags.SavedSegments = [.. host.Tags.SavedSegments, Saved("c", "region:上海 or sharer")];
            if (batch == 20) host.Tags.SavedSegments = [Saved("a", "gender:female"), .. host.Tags.SavedSegments.Skip(1)]; // "a" saved anew
            var events = new List<EventRecord>();
            for (var i = random.Next(1, 10); i > 0; i--)
            {
                ts += 1_000;
                var person = (ulong)random.Next(1, 13);
                events.Add(random.Next(5) switch
                {
                    0 or 1 => User(EventType.UserProfile, ts, [Account(person)], props: p =>
                    {
                        p.Gender = random.Next(3) switch { 0 => "female", 1 => "male", _ => "other" };
                        p.Province = random.Next(2) == 0 ? "上海" : "北京";
                    }),
                    2 => User(EventType.LiveShare, ts, [Viewer(person)], room: "r1"),
                    3 => User(EventType.LiveShare, ts, [Account(person)], room: "r1"),
                    _ => User(EventType.LiveHeartbeat, ts, [Viewer(person), Account(person)], room: "r1"), // links: the viewer merges into the account
                });
            }
            await dispatcher.DispatchAsync(Numbered(events, lsn));
            lsn += events.Count;
            if (batch < 5) continue; // the first counts come later: counters start from the bitmaps of that moment

            foreach (var segment in host.Tags.SavedSegments)
            {
                var counted = host.Engines.Sum(e => e.SavedSegmentCount(segment.Name)!.Value);
                var fromBitmaps = host.Engines.Sum(e => e.QuerySegment(segment.Node, 0).Count);
                var fromTags = host.Engines.SelectMany(e => e.Profiles)
                    .Count(p => SegmentEvaluator.Matches(segment.Node, tag => p.Tags.ToArray().Any(t => TagKeys.Name(t.Tag) == tag)));
                Assert.True(fromBitmaps == fromTags, $"batch {batch}, {segment.Expression}: bitmaps {fromBitmaps}, tags {fromTags}");
                Assert.True(counted == fromTags, $"batch {batch}, {segment.Expression}: counter {counted}, recount {fromTags}");
            }
        }
        Assert.Null(host.Engines[0].SavedSegmentCount("never-saved"));
    }

    private sealed class Collected : ITagChangeSink
    {
        public List<TagChange> Changes { get; } = [];

        public void Publish(TagChange change) => Changes.Add(change);
    }

    /// <summary>A new profile holds no tag, so it is in a segment of negated tags from its first event: the feed says so.</summary>
    [Fact]
    public async Task NewProfile_InANegatedSegment_EntersIt_OnTheChangeFeed_AndLeavesWhenItGainsTheTag()
    {
        var sink = new Collected();
        var tags = new TagRuntime(1, sink: sink);
        var host = new LocalPartitionHost(new EngineOptions { Partitions = 1 }, tags: tags);
        var dispatcher = new EngineDispatcher(host, new IdentityGraph());
        var vocabulary = new TaxonomyVocabulary(host.Engines[0].Taxonomy);
        tags.SavedSegments = [new SavedSegment("not-male", "not gender:male", SegmentParser.Parse("not gender:male", vocabulary))];

        await dispatcher.DispatchAsync(Numbered([User(EventType.LiveShare, T0, [Account(1)], room: "r1")]));
        var entered = Assert.Single(sink.Changes, c => c.Tag == "segment:not-male");
        Assert.Equal(TagChangeKind.SegmentEntered, entered.Kind);
        Assert.Equal(1, host.Engines[0].SavedSegmentCount("not-male"));

        await dispatcher.DispatchAsync(Numbered([User(EventType.UserProfile, T0 + 1_000, [Account(1)], props: p => p.Gender = "male")], 2));
        Assert.Equal(TagChangeKind.SegmentLeft, sink.Changes.Last(c => c.Tag == "segment:not-male").Kind);
        Assert.Equal(0, host.Engines[0].SavedSegmentCount("not-male"));
    }
}
