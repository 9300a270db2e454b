using LiveProfile.Engine.Features;

namespace LiveProfile.Engine.Partitioning;

/// <summary>Checkpoint form of a partition: everything needed to resume at <see cref="AppliedLsn"/>.</summary>
public sealed partial class PartitionEngine
{
    /// <summary>
    /// 2: local-day windows, intents, viewed products, model scores, tags. 3: visits as presence intervals, recent orders.
    /// 4: room funnels. 5: purchase days (older checkpoints load without them: orders before the upgrade are not in them).
    /// 6: products bought beside products viewed, invitations (older checkpoints load with none).
    /// </summary>
    public const uint FormatVersion = ProfileCodec.RecordVersion;

    /// <summary>The oldest format <see cref="Load"/> reads.</summary>
    public const uint OldestFormatVersion = 2;

    public void Save(Stream stream)
    {
        using var w = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true);
        w.Write(PartitionId);
        w.Write(AppliedLsn);
        w.Write(WatermarkMs);
        w.Write(_lastSweepMs);
        w.Write(_appliedTaxonomyVersion);
        w.Write(SweptDay);
        World.Keys.Save(w);
        World.Categories.Save(w);
        SaveWorld(w);

        w.Write(_nextOrdinal);
        w.Write(_freeOrdinals.Count);
        foreach (var ordinal in _freeOrdinals) w.Write(ordinal);
        w.Write(_profiles.Count);
        foreach (var profile in _profiles.Values)
        {
            w.Write(profile.Ordinal);
            ProfileCodec.Write(w, profile, RawKeys.Instance);
        }

        _visits.Save(w);
        _impulse.Save(w);
        WriteFunnels(w);
    }

    /// <param name="formatVersion">The format the checkpoint was written in, <see cref="OldestFormatVersion"/> to <see cref="FormatVersion"/>.</param>
    public static PartitionEngine Load(Stream stream, EngineOptions options, Tags.TagRuntime? tags = null, uint formatVersion = FormatVersion)
    {
        if (formatVersion is < OldestFormatVersion or > FormatVersion)
        {
            throw new InvalidDataException($"partition checkpoint format {formatVersion} is not supported (this build reads {OldestFormatVersion} to {FormatVersion})");
        }
        using var r = new BinaryReader(stream, System.Text.Encoding.UTF8, leaveOpen: true);
        var engine = new PartitionEngine(r.ReadInt32(), options, tags)
        {
            AppliedLsn = r.ReadInt64(),
            WatermarkMs = r.ReadInt64(),
        };
        engine._lastSweepMs = r.ReadInt64();
        // A different version (or one saved mid-backfill) is backfilled at the first step.
        engine._appliedTaxonomyVersion = r.ReadInt32();
        engine._tagDay = r.ReadInt32();
        engine.World = new World(Interner.Load(r), Interner.Load(r)) { UtcOffsetMinutes = options.LocalUtcOffsetMinutes };
        engine.InitTags();
        engine.LoadWorld(r);

        engine._nextOrdinal = r.ReadInt32();
        var free = new int[r.ReadInt32()];
        for (var i = 0; i < free.Length; i++) free[i] = r.ReadInt32();
        for (var i = free.Length - 1; i >= 0; i--) engine._freeOrdinals.Push(free[i]);
        var profiles = r.ReadInt32();
        engine._profiles.EnsureCapacity(profiles);
        for (var i = 0; i < profiles; i++)
        {
            var ordinal = r.ReadInt32();
            var profile = ProfileCodec.Read(r, ordinal, RawKeys.Instance, engine.Slabs, (int)formatVersion);
            engine._profiles.Add(profile.Id, profile);
            engine.TrackOrdinal(profile);
        }

        if (formatVersion >= 3)
        {
            engine._visits.Load(r);
            engine._impulse.Load(r);
        }
        else
        {
            engine._visits.LoadOpenVisits(r);
            engine._impulse.LoadClicks(r);
        }
        if (formatVersion >= 4) engine.ReadFunnels(r);
        engine.RebuildAudiences();
        if (engine._appliedTaxonomyVersion == engine._taxonomy.Version)
        {
            engine._tagRuntime.ReportBackfill(engine.PartitionId, engine._taxonomy.Version, engine._profiles.Count, engine._profiles.Count);
        }
        return engine;
    }

    private void SaveWorld(BinaryWriter w)
    {
        var products = World.Products.ToList();
        w.Write(products.Count);
        foreach (var (id, p) in products)
        {
            w.Write(id);
            w.Write(p.ProductKey);
            w.Write(p.TopCategoryKey);
            w.Write(p.AffinityKeys.Length);
            foreach (var key in p.AffinityKeys) w.Write(key);
            w.Write(p.Price);
            w.Write(p.CategoryPath);
            w.Write(p.Brand ?? "");
            WriteStrings(w, p.Labels);
            WriteStrings(w, p.Ingredients);
            w.Write(p.Title);
        }
        w.Write(World.Sessions.Count);
        foreach (var (id, s) in World.Sessions)
        {
            w.Write(id);
            w.Write(s.Room);
            w.Write(s.StartsAtMs);
            WriteStrings(w, s.Products);
            w.Write(s.Streamer ?? "");
            w.Write(s.Title ?? "");
        }
        var screens = World.Screens.ToList();
        w.Write(screens.Count);
        foreach (var (room, screen) in screens)
        {
            w.Write(room);
            w.Write(screen.Product);
            w.Write(screen.SinceMs);
            w.Write(screen.UntilMs);
        }
        var roomSessions = World.RoomSessions.ToList();
        w.Write(roomSessions.Count);
        foreach (var (room, list) in roomSessions)
        {
            w.Write(room);
            w.Write(list.Count);
            foreach (var (starts, session) in list)
            {
                w.Write(starts);
                w.Write(session);
            }
        }
        var presented = World.Presented.ToList();
        w.Write(presented.Count);
        foreach (var (session, categories) in presented)
        {
            w.Write(session);
            w.Write(categories.Count);
            foreach (var category in categories) w.Write(category);
        }
    }

    private void LoadWorld(BinaryReader r)
    {
        var products = r.ReadInt32();
        for (var i = 0; i < products; i++)
        {
            var id = r.ReadString();
            var productKey = r.ReadInt32();
            var top = r.ReadInt32();
            var keys = new int[r.ReadInt32()];
            for (var k = 0; k < keys.Length; k++) keys[k] = r.ReadInt32();
            var price = r.ReadDouble();
            var path = r.ReadString();
            var brand = r.ReadString();
            World.Restore(id, new ProductInfo
            {
                ProductKey = productKey, TopCategoryKey = top, AffinityKeys = keys, Price = price, CategoryPath = path,
                Brand = brand.Length == 0 ? null : brand, Labels = ReadStrings(r), Ingredients = ReadStrings(r), Title = r.ReadString(),
            });
        }
        var sessions = r.ReadInt32();
        for (var i = 0; i < sessions; i++)
        {
            var id = r.ReadString();
            var room = r.ReadString();
            var starts = r.ReadInt64();
            var lineup = ReadStrings(r);
            var streamer = r.ReadString();
            var title = r.ReadString();
            World.Restore(id, new ScheduledSession(room, starts, lineup, streamer.Length == 0 ? null : streamer, title.Length == 0 ? null : title));
        }
        var screens = r.ReadInt32();
        for (var i = 0; i < screens; i++) World.Restore(r.ReadString(), new RoomScreen(r.ReadString(), r.ReadInt64(), r.ReadInt64()));
        for (var roomCount = r.ReadInt32(); roomCount > 0; roomCount--)
        {
            var room = r.ReadInt32();
            var list = new List<(long, int)>();
            for (var n = r.ReadInt32(); n > 0; n--) list.Add((r.ReadInt64(), r.ReadInt32()));
            World.RestoreRoomSessions(room, list);
        }
        for (var presentedCount = r.ReadInt32(); presentedCount > 0; presentedCount--)
        {
            var session = r.ReadInt32();
            var categories = new List<int>();
            for (var n = r.ReadInt32(); n > 0; n--) categories.Add(r.ReadInt32());
            World.RestorePresented(session, categories);
        }
    }

    private static void WriteStrings(BinaryWriter w, string[] values)
    {
        w.Write7BitEncodedInt(values.Length);
        foreach (var v in values) w.Write(v);
    }

    private static string[] ReadStrings(BinaryReader r)
    {
        var values = new string[r.Read7BitEncodedInt()];
        for (var i = 0; i < values.Length; i++) values[i] = r.ReadString();
        return values;
    }
}
