namespace LiveProfile.Engine.Features;

/// <summary>
/// Binary form of a <see cref="Profile"/>. Interned ids are written through a key codec: as ids in a
/// partition checkpoint (the interner is saved beside them), or as strings when a profile moves to
/// another partition (whose interner differs).
/// </summary>
public static class ProfileCodec
{
    public static void Write(BinaryWriter w, Profile p, IKeyWriter keys)
    {
        w.Write(p.Id);
        w.Write(p.FirstSeenMinute);
        w.Write(p.LastSeenMinute);
        w.Write((byte)p.Gender);
        w.Write(p.BirthYear);
        keys.WriteKey(w, p.Province);
        keys.WriteKey(w, p.City);
        w.Write(p.RegisteredMinute);
        w.Write((byte)p.Consent);
        w.Write(p.Orders);
        w.Write(p.DiscountedOrders);
        w.Write(p.PremiumOrders);
        w.Write(p.Spend);
        w.Write(p.Refunds);
        w.Write(p.LastOrderMinute);
        var rooms = p.FollowedRooms ?? [];
        w.Write7BitEncodedInt(rooms.Length);
        foreach (var room in rooms) keys.WriteKey(w, room);

        w.Write(p.AnchorMinute);
        w.Write(p.InteractionScore);
        w.Write7BitEncodedInt(p.Affinities.Length);
        foreach (var a in p.Affinities)
        {
            keys.WriteKey(w, a.Key);
            w.Write(a.Value);
        }

        w.Write7BitEncodedInt(p.Windows.Length);
        foreach (var entry in p.Windows)
        {
            w.Write(entry.Day);
            keys.WriteWindowKey(w, entry.Key);
            w.Write(entry.Count);
        }

        w.Write7BitEncodedInt(p.Attendance.Length);
        foreach (var a in p.Attendance)
        {
            keys.WriteKey(w, a.Session);
            keys.WriteKey(w, a.Room);
            w.Write(a.Day);
            w.Write(a.DwellSeconds);
            w.Write((byte)a.Flags);
        }

        w.Write7BitEncodedInt(p.ViewedProducts.Length);
        foreach (var v in p.ViewedProducts)
        {
            keys.WriteKey(w, v.Product);
            keys.WriteCategory(w, v.Category);
            w.Write(v.Day);
            w.Write((byte)v.Signals);
        }
        w.Write7BitEncodedInt(p.ModelScores.Length);
        foreach (var m in p.ModelScores)
        {
            keys.WriteKey(w, m.Model);
            w.Write(m.Score);
        }
        w.Write7BitEncodedInt(p.PurchaseDays.Length);
        foreach (var d in p.PurchaseDays)
        {
            w.Write(d.Day);
            w.Write(d.Spend);
        }
        w.Write7BitEncodedInt(p.FoldedPurchaseDays);
        w.Write(p.FoldedPurchaseSpend);
        w.Write7BitEncodedInt(p.Invitations.Length);
        foreach (var invitation in p.Invitations)
        {
            keys.WriteKey(w, invitation.Session);
            w.Write(invitation.Day);
        }
        // Tag keys are per process: tags are written by id.
        w.Write7BitEncodedInt(p.Tags.Length);
        foreach (var t in p.Tags)
        {
            w.Write(Tags.TagKeys.Name(t.Tag));
            w.Write(t.Weight);
            w.Write(t.SinceMinute);
            w.Write((byte)t.Source);
        }
    }

    /// <summary>The record's layout; partition checkpoints say which one they hold, portable records are always the newest.</summary>
    public const int RecordVersion = 6;

    /// <param name="version">
    /// The layout: purchase days from 5 on, product signals (viewed, bought) and invitations from 6 on. Partition checkpoints
    /// of format N hold records of version N.
    /// </param>
    /// <param name="asId">Another id for the profile read (a merge target that takes the state as it is).</param>
    public static Profile Read(BinaryReader r, int ordinal, IKeyReader keys, Memory.ProfileSlabs slabs, int version = RecordVersion, ulong? asId = null)
    {
        var id = r.ReadUInt64();
        var p = new Profile(asId ?? id, ordinal, slabs)
        {
            FirstSeenMinute = r.ReadInt32(),
            LastSeenMinute = r.ReadInt32(),
            Gender = (Gender)r.ReadByte(),
            BirthYear = r.ReadInt16(),
            Province = keys.ReadKey(r),
            City = keys.ReadKey(r),
            RegisteredMinute = r.ReadInt32(),
            Consent = (Consent)r.ReadByte(),
            Orders = r.ReadInt32(),
            DiscountedOrders = r.ReadInt32(),
            PremiumOrders = r.ReadInt32(),
            Spend = r.ReadDouble(),
            Refunds = r.ReadDouble(),
            LastOrderMinute = r.ReadInt32(),
        };
        var roomCount = r.Read7BitEncodedInt();
        if (roomCount > 0)
        {
            var rooms = new int[roomCount];
            for (var i = 0; i < roomCount; i++) rooms[i] = keys.ReadKey(r);
            Array.Sort(rooms);
            p.FollowedRooms = rooms;
        }

        var anchor = r.ReadInt32();
        var score = r.ReadDouble();
        var affinities = new AffinityEntry[r.Read7BitEncodedInt()];
        for (var i = 0; i < affinities.Length; i++) affinities[i] = new AffinityEntry(keys.ReadKey(r), r.ReadDouble());
        p.RestoreAffinities(anchor, score, affinities);

        var windows = new WindowEntry[r.Read7BitEncodedInt()];
        for (var i = 0; i < windows.Length; i++) windows[i] = new WindowEntry(r.ReadInt32(), keys.ReadWindowKey(r), r.ReadUInt32());
        if (keys.WindowKeysMayReorder) Array.Sort(windows, (a, b) => a.Day != b.Day ? a.Day.CompareTo(b.Day) : a.Key.CompareTo(b.Key));
        p.RestoreWindows(windows);

        var attendance = new SessionAttendance[r.Read7BitEncodedInt()];
        for (var i = 0; i < attendance.Length; i++)
        {
            attendance[i] = new SessionAttendance
            {
                Session = keys.ReadKey(r), Room = keys.ReadKey(r), Day = r.ReadInt32(),
                DwellSeconds = r.ReadInt32(), Flags = (AttendanceFlags)r.ReadByte(),
            };
        }
        p.RestoreAttendance(attendance);

        for (var i = r.Read7BitEncodedInt(); i > 0; i--)
        {
            var (product, category, day) = (keys.ReadKey(r), keys.ReadCategory(r), r.ReadInt32());
            p.RecordProduct(product, category, day, version >= 6 ? (ProductSignals)r.ReadByte() : ProductSignals.Viewed);
        }
        for (var i = r.Read7BitEncodedInt(); i > 0; i--) p.SetModelScore(keys.ReadKey(r), r.ReadSingle());
        if (version >= 5)
        {
            var days = new PurchaseDay[Math.Min(r.Read7BitEncodedInt(), Profile.MaxPurchaseDays)];
            for (var i = 0; i < days.Length; i++) days[i] = new PurchaseDay(r.ReadInt32(), r.ReadDouble());
            p.RestorePurchases(days, r.Read7BitEncodedInt(), r.ReadDouble());
        }
        if (version >= 6)
        {
            for (var i = r.Read7BitEncodedInt(); i > 0; i--) p.RecordInvitation(keys.ReadKey(r), r.ReadInt32());
        }
        for (var i = r.Read7BitEncodedInt(); i > 0; i--)
        {
            var tag = Tags.TagKeys.Intern(r.ReadString());
            p.AddTag(new ProfileTag(tag, r.ReadSingle(), r.ReadInt32(), (TagSource)r.ReadByte()));
        }
        return p;
    }
}

/// <summary>How interned ids are written.</summary>
public interface IKeyWriter
{
    void WriteKey(BinaryWriter w, int key);
    void WriteWindowKey(BinaryWriter w, ushort key);
    void WriteCategory(BinaryWriter w, int category);
}

/// <summary>How interned ids are read back.</summary>
public interface IKeyReader
{
    /// <summary>True when window keys are re-interned, so entries must be re-sorted.</summary>
    bool WindowKeysMayReorder { get; }
    int ReadKey(BinaryReader r);
    ushort ReadWindowKey(BinaryReader r);
    int ReadCategory(BinaryReader r);
}

/// <summary>Ids as they are: for checkpoints, where the interners are saved too.</summary>
public sealed class RawKeys : IKeyWriter, IKeyReader
{
    public static readonly RawKeys Instance = new();
    public bool WindowKeysMayReorder => false;
    public void WriteKey(BinaryWriter w, int key) => w.Write(key);
    public void WriteWindowKey(BinaryWriter w, ushort key) => w.Write(key);
    public int ReadKey(BinaryReader r) => r.ReadInt32();
    public ushort ReadWindowKey(BinaryReader r) => r.ReadUInt16();
    public void WriteCategory(BinaryWriter w, int category) => w.Write(category);
    public int ReadCategory(BinaryReader r) => r.ReadInt32();
}

/// <summary>Ids as strings: for moving a profile between partitions.</summary>
public sealed class PortableKeys(Interner keys, Interner categories) : IKeyWriter, IKeyReader
{
    public bool WindowKeysMayReorder => true;

    public void WriteKey(BinaryWriter w, int key)
    {
        w.Write(key >= 0);
        if (key >= 0) w.Write(keys.Name(key));
    }

    public int ReadKey(BinaryReader r) => r.ReadBoolean() ? keys.Intern(r.ReadString()) : -1;

    public void WriteCategory(BinaryWriter w, int category) => w.Write(categories.Name(category));

    public int ReadCategory(BinaryReader r) => categories.Intern(r.ReadString());

    public void WriteWindowKey(BinaryWriter w, ushort key)
    {
        if (!FeatureKeys.TrySplitCategory(key, out var rangeBase, out var category))
        {
            w.Write(key);
            return;
        }
        w.Write(rangeBase);
        w.Write(categories.Name(category));
    }

    public ushort ReadWindowKey(BinaryReader r)
    {
        var key = r.ReadUInt16();
        if (key < FeatureKeys.InteractionCategoryBase) return key;
        return FeatureKeys.Join(key, categories.Intern(r.ReadString()));
    }
}
