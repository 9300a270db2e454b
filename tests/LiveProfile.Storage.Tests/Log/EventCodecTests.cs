using System.Buffers;
using System.Reflection;
using System.Text;
using CsCheck;
using LiveProfile.Engine.Contract;
using LiveProfile.Storage.Log;

namespace LiveProfile.Storage.Tests.Log;

public sealed class EventCodecTests
{
    public static TheoryData<EventType> AllTypes => [.. EventTypes.All];

    [Theory]
    [MemberData(nameof(AllTypes))]
    public void WriteRead_EveryTypeWithAllItsProps_RoundTripsExactly(EventType type)
    {
        EventProps full = EventGenerators.FullProps(7);
        // Only the props this type has, each set (the generator's type table with optional props forced on).
        EventRecord e = EventGenerators.Sample(type, 7);
        e.Props = PropsOfType(type, full);

        EventRecord back = RoundTrip(e);

        DeepAssert.Equal(e, back);
    }

    [Fact]
    public void WriteRead_GeneratedEventsOfEveryType_RoundTripExactly()
    {
        EventGenerators.Event.Sample(e => DeepAssert.Equal(e, RoundTrip(e)), iter: 3000);
    }

    [Fact]
    public void WriteRead_GeneratedEventsWithAnyProps_RoundTripExactly()
    {
        EventGenerators.EventWithAnyProps.Sample(e => DeepAssert.Equal(e, RoundTrip(e)), iter: 2000);
    }

    [Fact]
    public void WriteRead_EverySettableProperty_IsCarried()
    {
        // Reflection guard: a property added to the model but not to the codec fails here.
        var e = EventGenerators.Sample(EventType.ShopOrder, 2);
        e.Props = EventGenerators.FullProps(2);
        foreach (PropertyInfo p in typeof(EventProps).GetProperties())
        {
            Assert.True(p.GetValue(e.Props) is not null, $"FullProps leaves {p.Name} null; extend it and the codec");
        }

        foreach (PropertyInfo p in typeof(EventRecord).GetProperties().Where(p => p.CanWrite && p.Name != nameof(EventRecord.Raw)))
        {
            object? value = p.GetValue(e);
            object? defaultValue = p.PropertyType.IsValueType ? Activator.CreateInstance(p.PropertyType) : null;
            Assert.True(value is not null && !value.Equals(defaultValue), $"Sample leaves {p.Name} at its default; extend it and the codec");
        }

        DeepAssert.Equal(e, RoundTrip(e));
    }

    [Fact]
    public void WriteRead_EmptyListsAndEmptyStrings_StayDistinctFromNull()
    {
        var e = EventGenerators.Sample(EventType.CatalogProduct, 2);
        e.Tenant = "";
        e.Room = "";
        e.Ids = [];
        e.Sealed = [];
        e.SealKey = 0;
        e.Props = new EventProps { Title = "", Labels = [], Ingredients = null, Items = [], LinkedIds = [], Purposes = new ConsentPurposes(null, null, null) };

        DeepAssert.Equal(e, RoundTrip(e));
    }

    [Fact]
    public void Write_RawNotNull_ThrowsInvalidOperation()
    {
        var e = EventGenerators.Sample(EventType.LiveJoin, 1);
        e.Raw = new RawIdentity { Phone = "+8613800000000" };
        var output = new ArrayBufferWriter<byte>();

        var ex = Assert.Throws<InvalidOperationException>(() => EventCodec.Write(e, output));

        Assert.Contains("PII", ex.Message, StringComparison.Ordinal);
        Assert.Equal(0, output.WrittenCount);
    }

    [Fact]
    public void Write_LoneSurrogate_ThrowsInsteadOfCorrupting()
    {
        var e = EventGenerators.Sample(EventType.LiveComment, 1);
        e.Props.Text = "bad \uD800 text";

        Assert.Throws<EncoderFallbackException>(() => EventCodec.Write(e, new ArrayBufferWriter<byte>()));
    }

    [Fact]
    public void Write_UndefinedType_Throws()
    {
        var e = EventGenerators.Sample(EventType.LiveJoin, 1);
        e.Type = (EventType)200;

        Assert.Throws<ArgumentException>(() => EventCodec.Write(e, new ArrayBufferWriter<byte>()));
    }

    [Fact]
    public void Write_NullListElement_Throws()
    {
        var e = EventGenerators.Sample(EventType.CatalogProduct, 1);
        e.Props.Labels = ["ok", null!];

        Assert.Throws<ArgumentException>(() => EventCodec.Write(e, new ArrayBufferWriter<byte>()));
    }

    [Fact]
    public void Read_UnknownTag_ThrowsInvalidData()
    {
        byte[] payload = [.. Encode(EventGenerators.Sample(EventType.LiveLike, 1)), 120, 0];

        var ex = Assert.Throws<InvalidDataException>(() => EventCodec.Read(payload));

        Assert.Contains("unknown prop tag 120", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_DuplicateTag_ThrowsInvalidData()
    {
        var e = EventGenerators.Sample(EventType.LiveLike, 1);
        e.Props = new EventProps { Count = 5 };
        byte[] payload = [.. Encode(e), 32, 10];

        Assert.Throws<InvalidDataException>(() => EventCodec.Read(payload));
    }

    [Fact]
    public void Read_OtherVersion_ThrowsInvalidData()
    {
        byte[] payload = Encode(EventGenerators.Sample(EventType.LiveJoin, 1));
        payload[0] = 2;

        var ex = Assert.Throws<InvalidDataException>(() => EventCodec.Read(payload));

        Assert.Contains("version 2", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_MangledPayloads_ThrowOnlyInvalidData()
    {
        Gen<(EventRecord, int, byte, int)> gen = Gen.Select(EventGenerators.Event, Gen.Int[0, 10_000], Gen.Byte, Gen.Int[0, 2]);
        gen.Sample((e, position, value, mode) =>
        {
            byte[] payload = Encode(e);
            int at = position % payload.Length;
            byte[] mangled = mode switch
            {
                0 => payload[..at],                                             // truncated
                1 => [.. payload[..at], value, .. payload[(at + 1)..]],         // byte replaced
                _ => [.. payload[..at], value, .. payload[at..]],               // byte inserted
            };
            try
            {
                EventCodec.Read(mangled);
            }
            catch (InvalidDataException)
            {
            }
        }, iter: 5000);
    }

    [Fact]
    public void Write_TypicalJoin_IsCompact()
    {
        var e = new EventRecord
        {
            Tenant = "shop1", Id = "e-000123", Type = EventType.LiveJoin, TsMs = 1_750_000_000_000, ReceivedMs = 1_750_000_000_040,
            Room = "r-88", Ids = [new Pseudonym(IdentifierKind.Viewer, 0xDEADBEEFCAFEF00D)], Props = new EventProps { Source = "feed" },
        };

        Assert.InRange(Encode(e).Length, 1, 48);
    }

    private static byte[] Encode(EventRecord e)
    {
        var output = new ArrayBufferWriter<byte>();
        EventCodec.Write(e, output);
        return output.WrittenSpan.ToArray();
    }

    private static EventRecord RoundTrip(EventRecord e) => EventCodec.Read(Encode(e));

    /// <summary>The props spec/events.md lists for <paramref name="type"/>, copied from a fully set instance.</summary>
    private static EventProps PropsOfType(EventType type, EventProps f) => type switch
    {
        EventType.LiveJoin => new() { Source = f.Source },
        EventType.LiveComment => new() { Text = f.Text },
        EventType.LiveLike => new() { Count = f.Count },
        EventType.LiveGift => new() { GiftId = f.GiftId, Value = f.Value },
        EventType.LiveShare => new() { Channel = f.Channel },
        EventType.LiveCouponClaim => new() { CouponId = f.CouponId, Value = f.Value },
        EventType.LiveProductOnScreen => new() { UntilMs = f.UntilMs },
        EventType.ShopView => new() { DurationMs = f.DurationMs },
        EventType.ShopSearch => new() { Query = f.Query },
        EventType.ShopCartAdd => new() { Qty = f.Qty },
        EventType.ShopOrder => new() { OrderId = f.OrderId, Items = f.Items, Total = f.Total, CouponId = f.CouponId, OrderRoom = f.OrderRoom },
        EventType.ShopRefund => new() { OrderId = f.OrderId, Amount = f.Amount },
        EventType.ShopReview => new() { Rating = f.Rating, Text = f.Text },
        EventType.UserProfile => new() { Gender = f.Gender, BirthYear = f.BirthYear, Province = f.Province, City = f.City, RegisteredAtMs = f.RegisteredAtMs },
        EventType.UserConsent => new() { Purposes = f.Purposes },
        EventType.IdentityLink => new() { LinkedIds = f.LinkedIds, Confidence = f.Confidence },
        EventType.CatalogProduct => new() { Title = f.Title, Category = f.Category, Brand = f.Brand, Price = f.Price, Labels = f.Labels, Ingredients = f.Ingredients },
        EventType.CatalogSession => new() { SessionRoom = f.SessionRoom, StartsAtMs = f.StartsAtMs, Streamer = f.Streamer, Products = f.Products, Title = f.Title },
        EventType.ExternalTrend => new() { Keyword = f.Keyword, Category = f.Category, Score = f.Score },
        EventType.ExternalInventory => new() { Stock = f.Stock },
        EventType.MarketingInvite => new() { Channel = f.Channel },
        EventType.IdentityUnmerge => new() { LinkedIds = f.LinkedIds },
        EventType.IdentityMatch or EventType.IdentityReject => new() { LinkedIds = f.LinkedIds, Confidence = f.Confidence, Text = f.Text },
        _ => new(),
    };
}
