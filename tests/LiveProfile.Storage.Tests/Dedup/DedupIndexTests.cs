using CsCheck;
using LiveProfile.Storage.Dedup;

namespace LiveProfile.Storage.Tests.Dedup;

public sealed class DedupIndexTests
{
    private const long Day = 24 * 60 * 60 * 1000L;
    private const long Window = 7 * Day;
    private const long T0 = 1_700_000_000_000; // inside some day bucket

    [Fact]
    public void TryAdd_FirstTime_ReturnsTrue()
    {
        var index = new DedupIndex();

        Assert.True(index.TryAdd("t", "e-1", T0));
        Assert.Equal(1, index.Count);
    }

    [Fact]
    public void TryAdd_DuplicateWithinWindow_ReturnsFalse()
    {
        var index = new DedupIndex();
        index.TryAdd("t", "e-1", T0);

        Assert.False(index.TryAdd("t", "e-1", T0));
        Assert.False(index.TryAdd("t", "e-1", T0 + Day));
        Assert.False(index.TryAdd("t", "e-1", T0 + Window - 1));
        Assert.Equal(1, index.Count);
    }

    [Fact]
    public void TryAdd_SameIdOtherTenant_ReturnsTrue()
    {
        var index = new DedupIndex();
        index.TryAdd("t1", "e-1", T0);

        Assert.True(index.TryAdd("t2", "e-1", T0));
        Assert.True(index.TryAdd("t1", "e-2", T0));
    }

    [Fact]
    public void TryAdd_TenantAndIdBoundary_IsNotAmbiguous()
    {
        var index = new DedupIndex();
        index.TryAdd("ab", "c", T0);

        Assert.True(index.TryAdd("a", "bc", T0));
    }

    [Fact]
    public void TryAdd_AfterWindowAndOneBucket_ReturnsTrueAgain()
    {
        var index = new DedupIndex();
        index.TryAdd("t", "e-1", T0);

        Assert.True(index.TryAdd("t", "e-1", T0 + Window + Day));
    }

    [Fact]
    public void TryAdd_AfterWindow_EvenWithoutExpiry_ReturnsTrueAgain()
    {
        var index = new DedupIndex(new DedupOptions { Window = TimeSpan.FromHours(2), BucketWidth = TimeSpan.FromHours(1) });
        index.TryAdd("t", "e-1", 0);

        Assert.False(index.TryAdd("t", "e-1", (2 * 3_600_000) - 1));
        Assert.True(index.TryAdd("t", "e-1", 3 * 3_600_000));
        Assert.Equal(2, index.Count); // both sightings are held until expiry drops the old bucket
    }

    [Fact]
    public void ExpireBefore_DropsWholeOldBuckets()
    {
        var index = new DedupIndex();
        for (var d = 0; d < 10; d++)
        {
            index.TryAdd("t", "e-" + d, T0 + (d * Day));
        }

        index.ExpireBefore(T0 + (9 * Day));

        Assert.InRange(index.Count, 7, 8);
        Assert.True(index.TryAdd("t", "e-0", T0 + (9 * Day)));
        Assert.False(index.TryAdd("t", "e-9", T0 + (9 * Day)));
    }

    [Fact]
    public void Remove_AfterTryAdd_AllowsTheIdAgain()
    {
        var index = new DedupIndex();
        index.TryAdd("t", "e-1", T0);
        index.TryAdd("t", "e-2", T0);

        index.Remove("t", "e-1", T0);

        Assert.Equal(1, index.Count);
        Assert.True(index.TryAdd("t", "e-1", T0 + 5));
        Assert.False(index.TryAdd("t", "e-2", T0 + 5));
    }

    [Fact]
    public void Remove_Unknown_DoesNothing()
    {
        var index = new DedupIndex();
        index.TryAdd("t", "e-1", T0);

        index.Remove("t", "e-9", T0);
        index.Remove("t", "e-1", T0 + (3 * Day));

        Assert.Equal(1, index.Count);
    }

    [Fact]
    public void TryAdd_NegativeAndLongStrings_Work()
    {
        var index = new DedupIndex();
        var longId = new string('x', 2000);

        Assert.True(index.TryAdd("t", longId, -5));
        Assert.False(index.TryAdd("t", longId, -1));
        Assert.True(index.TryAdd("t", longId + "y", -1));
    }

    [Fact]
    public void SaveLoad_RoundTrip_PreservesBehaviour()
    {
        var index = new DedupIndex();
        for (var i = 0; i < 5000; i++)
        {
            index.TryAdd("t" + (i % 3), "e-" + i, T0 + (i * (Day / 1000)));
        }

        var loaded = RoundTrip(index, new DedupOptions());

        Assert.Equal(index.Count, loaded.Count);
        Assert.Equal(index.BucketCount, loaded.BucketCount);
        var now = T0 + (5 * Day);
        for (var i = 0; i < 5000; i++)
        {
            Assert.False(loaded.TryAdd("t" + (i % 3), "e-" + i, now));
        }

        Assert.True(loaded.TryAdd("t0", "e-1", now)); // e-1 belongs to t1
        Assert.True(loaded.TryAdd("t", "never", now));
    }

    [Fact]
    public void SaveLoad_Empty_RoundTrips()
    {
        var loaded = RoundTrip(new DedupIndex(), new DedupOptions());

        Assert.Equal(0, loaded.Count);
    }

    [Fact]
    public void Load_OtherBucketWidth_StillRecognisesDuplicates()
    {
        var index = new DedupIndex();
        index.TryAdd("t", "a", T0);
        index.TryAdd("t", "b", T0 + (2 * Day));

        var loaded = RoundTrip(index, new DedupOptions { BucketWidth = TimeSpan.FromHours(6) });

        Assert.False(loaded.TryAdd("t", "a", T0 + Day));
        Assert.False(loaded.TryAdd("t", "b", T0 + (3 * Day)));
        Assert.Equal(2, loaded.Count);
    }

    [Fact]
    public void Load_CorruptedImage_ThrowsInvalidData()
    {
        var index = new DedupIndex();
        index.TryAdd("t", "a", T0);
        using var stream = new MemoryStream();
        index.Save(stream);
        var bytes = stream.ToArray();

        bytes[bytes.Length - 10] ^= 0x40;

        Assert.Throws<InvalidDataException>(() => DedupIndex.Load(new MemoryStream(bytes), new DedupOptions()));
        Assert.Throws<InvalidDataException>(() => DedupIndex.Load(new MemoryStream(bytes[..^3]), new DedupOptions()));
        Assert.Throws<InvalidDataException>(() => DedupIndex.Load(new MemoryStream("nope"u8.ToArray()), new DedupOptions()));
    }

    [Fact]
    public void Load_ImageFollowedByOtherData_ReadsOnlyTheImage()
    {
        var index = new DedupIndex();
        index.TryAdd("t", "a", T0);
        using var stream = new MemoryStream();
        index.Save(stream);
        var end = stream.Length;
        stream.Write("trailing"u8);
        stream.Position = 0;

        var loaded = DedupIndex.Load(stream, new DedupOptions());

        Assert.Equal(end, stream.Position);
        Assert.Equal(1, loaded.Count);
    }

    [Fact]
    public void Options_WindowShorterThanBucket_Rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            new DedupIndex(new DedupOptions { Window = TimeSpan.FromHours(1), BucketWidth = TimeSpan.FromDays(1) }));
    }

    [Fact]
    public void TryAddAndRemove_WithinWindow_MatchesReferenceHashSet()
    {
        // Ops: 0/1 = TryAdd, 2 = Remove of an added pair (at its add time), 3 = save and reload.
        var op = Gen.Select(Gen.Int[0, 3], Gen.Int[0, 2], Gen.Int[0, 15], Gen.Long[0, Window - 1]);
        op.Array[0, 200].Sample(ops =>
        {
            var index = new DedupIndex();
            var reference = new HashSet<(string, string)>();
            var addedAt = new Dictionary<(string, string), long>();
            foreach (var (kind, t, i, offset) in ops)
            {
                var pair = ("tenant-" + t, "id-" + i);
                switch (kind)
                {
                    case 0 or 1:
                        var added = index.TryAdd(pair.Item1, pair.Item2, T0 + offset);
                        Assert.Equal(reference.Add(pair), added);
                        if (added)
                        {
                            addedAt[pair] = T0 + offset;
                        }

                        break;
                    case 2 when addedAt.Remove(pair, out var at):
                        index.Remove(pair.Item1, pair.Item2, at);
                        reference.Remove(pair);
                        break;
                    case 3:
                        index = RoundTrip(index, new DedupOptions());
                        break;
                }

                Assert.Equal(reference.Count, index.Count);
            }
        }, iter: 200);
    }

    [Fact]
    public void TryAdd_OverTime_MatchesBucketedWindowModel()
    {
        // Ops: time step (0–3 days), 0 = TryAdd, 1 = ExpireBefore(now), 2 = save and reload.
        var op = Gen.Select(Gen.Long[0, 3 * Day], Gen.Int[0, 6], Gen.Int[0, 1], Gen.Int[0, 7]);
        op.Array[0, 150].Sample(ops =>
        {
            var index = new DedupIndex();
            var firstSeen = new Dictionary<(string, string), long>();
            var now = T0;
            foreach (var (step, kind, t, i) in ops)
            {
                now += step;
                var pair = ("t" + t, "e" + i);
                switch (kind)
                {
                    case 5:
                        index.ExpireBefore(now);
                        break;
                    case 6:
                        index = RoundTrip(index, new DedupOptions());
                        break;
                    default:
                        // Remembered while its day bucket ends after now − window.
                        var duplicate = firstSeen.TryGetValue(pair, out var seen) && FloorDiv(seen, Day) >= FloorDiv(now - Window, Day);
                        Assert.Equal(!duplicate, index.TryAdd(pair.Item1, pair.Item2, now));
                        if (!duplicate)
                        {
                            firstSeen[pair] = now;
                        }

                        break;
                }
            }
        }, iter: 200);
    }

    private static long FloorDiv(long a, long b) => (long)Math.Floor(a / (double)b);

    private static DedupIndex RoundTrip(DedupIndex index, DedupOptions options)
    {
        using var stream = new MemoryStream();
        index.Save(stream);
        stream.Position = 0;
        return DedupIndex.Load(stream, options);
    }
}
