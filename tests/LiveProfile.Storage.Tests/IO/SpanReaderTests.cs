using System.Buffers.Binary;
using CsCheck;
using LiveProfile.Storage.IO;

namespace LiveProfile.Storage.Tests.IO;

public sealed class SpanReaderTests
{
    public static TheoryData<ulong, byte[]> VarUIntEdges => new()
    {
        { 0UL, [0x00] },
        { 1UL, [0x01] },
        { 127UL, [0x7F] },
        { 128UL, [0x80, 0x01] },
        { 300UL, [0xAC, 0x02] },
        { 16_383UL, [0xFF, 0x7F] },
        { 16_384UL, [0x80, 0x80, 0x01] },
        { uint.MaxValue, [0xFF, 0xFF, 0xFF, 0xFF, 0x0F] },
        { (ulong)uint.MaxValue + 1, [0x80, 0x80, 0x80, 0x80, 0x10] },
        { ulong.MaxValue, [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01] },
    };

    public static TheoryData<long, byte[]> ZigZagEdges => new()
    {
        { 0L, [0x00] },
        { -1L, [0x01] },
        { 1L, [0x02] },
        { -64L, [0x7F] },
        { 64L, [0x80, 0x01] },
        { long.MaxValue, [0xFE, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01] },
        { long.MinValue, [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01] },
    };

    [Theory]
    [MemberData(nameof(VarUIntEdges))]
    public void VarUInt_EdgeValues_HaveTheLeb128BytesAndRoundTrip(ulong value, byte[] expected)
    {
        var writer = new ByteWriter();
        writer.WriteVarUInt(value);

        Assert.Equal(expected, writer.WrittenSpan.ToArray());
        var reader = new SpanReader(expected);
        Assert.Equal(value, reader.ReadVarUInt());
        Assert.Equal(0, reader.Remaining);
    }

    [Theory]
    [MemberData(nameof(ZigZagEdges))]
    public void VarInt_EdgeValues_AreZigZagAndRoundTrip(long value, byte[] expected)
    {
        var writer = new ByteWriter();
        writer.WriteVarInt(value);

        Assert.Equal(expected, writer.WrittenSpan.ToArray());
        var reader = new SpanReader(expected);
        Assert.Equal(value, reader.ReadVarInt());
        Assert.Equal(0, reader.Remaining);
    }

    [Fact]
    public void VarInt_AnyValue_RoundTrips()
    {
        Gen.Long.Sample(value =>
        {
            var writer = new ByteWriter();
            writer.WriteVarInt(value);
            writer.WriteVarUInt((ulong)value);
            var reader = new SpanReader(writer.WrittenSpan);
            Assert.Equal(value, reader.ReadVarInt());
            Assert.Equal((ulong)value, reader.ReadVarUInt());
            Assert.Equal(0, reader.Remaining);
        });
    }

    [Fact]
    public void ReadVarUInt_BeyondSixtyFourBits_Throws()
    {
        byte[] tooBig = [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x02];
        byte[] tooLong = [0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00];

        var overflow = Assert.Throws<InvalidDataException>(() => new SpanReader(tooBig).ReadVarUInt());
        Assert.Contains("overflows 64 bits", overflow.Message, StringComparison.Ordinal);
        Assert.Throws<InvalidDataException>(() => new SpanReader(tooLong).ReadVarUInt());
    }

    [Fact]
    public void ReadVarInt32_OutOfRange_ThrowsWithItsOffset()
    {
        var writer = new ByteWriter();
        writer.WriteVarInt(int.MinValue);
        int at = writer.Length;
        writer.WriteVarInt(int.MaxValue + 1L);

        var ex = Assert.Throws<InvalidDataException>(() =>
        {
            var reader = new SpanReader(writer.WrittenSpan);
            Assert.Equal(int.MinValue, reader.ReadVarInt32());
            reader.ReadVarInt32();
        });

        Assert.Contains($"offset {at}", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FixedWidth_AllTypes_RoundTripLittleEndian()
    {
        var writer = new ByteWriter();
        writer.WriteByte(0xAB);
        writer.WriteUInt16(0x1234);
        writer.WriteInt32(-2);
        writer.WriteUInt32(0xDEADBEEF);
        writer.WriteInt64(long.MinValue);
        writer.WriteUInt64(0x0102030405060708);
        writer.WriteDouble(-0.1);
        writer.WriteDouble(double.NaN);

        byte[] bytes = writer.WrittenSpan.ToArray();
        Assert.Equal(1 + 2 + 4 + 4 + 8 + 8 + 8 + 8, bytes.Length);
        Assert.Equal([0x34, 0x12], bytes[1..3]);
        Assert.Equal(0x0102030405060708UL, BinaryPrimitives.ReadUInt64LittleEndian(bytes.AsSpan(19)));

        var reader = new SpanReader(bytes);
        Assert.Equal(0xAB, reader.ReadByte());
        Assert.Equal(0x1234, reader.ReadUInt16());
        Assert.Equal(-2, reader.ReadInt32());
        Assert.Equal(0xDEADBEEF, reader.ReadUInt32());
        Assert.Equal(long.MinValue, reader.ReadInt64());
        Assert.Equal(0x0102030405060708UL, reader.ReadUInt64());
        Assert.Equal(-0.1, reader.ReadDouble());
        Assert.True(double.IsNaN(reader.ReadDouble()));
        Assert.Equal(0, reader.Remaining);
        Assert.Equal(bytes.Length, reader.Position);
    }

    [Fact]
    public void Strings_AndBytes_RoundTrip()
    {
        string[] values = ["", "a", "héllo", "直播间", "emoji 😀", new string('x', 300)];
        var writer = new ByteWriter();
        foreach (string value in values)
        {
            writer.WriteString(value);
            writer.WriteString16(value);
        }

        writer.WritePrefixedBytes([1, 2, 3]);
        writer.WritePrefixedBytes([]);
        writer.WriteBytes([9, 8]);

        var reader = new SpanReader(writer.WrittenSpan);
        foreach (string value in values)
        {
            Assert.Equal(value, reader.ReadString());
            Assert.Equal(value, reader.ReadString16());
        }

        Assert.Equal([1, 2, 3], reader.ReadPrefixedBytes());
        Assert.Empty(reader.ReadPrefixedBytes());
        Assert.Equal([9, 8], reader.ReadRest().ToArray());
        Assert.Equal(0, reader.Remaining);
    }

    [Fact]
    public void WriteString_HasVarintLengthThenUtf8()
    {
        var writer = new ByteWriter();
        writer.WriteString("é");
        writer.WriteString16("é");

        Assert.Equal([0x02, 0xC3, 0xA9, 0x02, 0x00, 0xC3, 0xA9], writer.WrittenSpan.ToArray());
    }

    [Fact]
    public void ReadString_InvalidUtf8_ThrowsInvalidData()
    {
        byte[] loneSurrogate = [0x03, 0xED, 0xA0, 0x80];   // U+D800 encoded as if it were a scalar
        byte[] overlong = [0x00, 0x02, 0xC0, 0x80];         // 16-bit length, overlong NUL

        Assert.Throws<InvalidDataException>(() => new SpanReader(loneSurrogate).ReadString());
        Assert.Throws<InvalidDataException>(() => new SpanReader(overlong).ReadString16());
    }

    [Fact]
    public void Underflow_EveryRead_ThrowsInvalidDataWithPosition()
    {
        byte[] data = [1, 2, 3];
        AssertTruncated(data, (ref SpanReader r) => r.ReadUInt32(), wanted: 4);
        AssertTruncated(data, (ref SpanReader r) => r.ReadInt64(), wanted: 8);
        AssertTruncated(data, (ref SpanReader r) => r.ReadDouble(), wanted: 8);
        AssertTruncated(data, (ref SpanReader r) => r.ReadBytes(4), wanted: 4);
        AssertTruncated([], (ref SpanReader r) => r.ReadByte(), wanted: 1);
        AssertTruncated([0x80], (ref SpanReader r) => r.ReadVarUInt(), wanted: 1);
    }

    [Fact]
    public void Underflow_AfterSomeReads_NamesTheOffsetAndWhatIsLeft()
    {
        byte[] data = [1, 2, 3, 4, 5];

        var ex = Assert.Throws<InvalidDataException>(() =>
        {
            var reader = new SpanReader(data);
            reader.ReadUInt16();
            reader.ReadUInt32();
        });

        Assert.Equal("Truncated at offset 2: wanted 4 bytes, 3 left of 5.", ex.Message);
    }

    [Fact]
    public void ReadLength_BeyondTheBytesLeft_Throws()
    {
        byte[] data = [0x05, 1, 2, 3, 4];
        byte[] elements = [0x03, 1, 2, 3, 4, 5];

        var ex = Assert.Throws<InvalidDataException>(() => new SpanReader(data).ReadString());
        Assert.Contains("Length 5 at offset 0 exceeds the 4 bytes left", ex.Message, StringComparison.Ordinal);
        Assert.Equal(3, new SpanReader(elements).ReadLength(minElementBytes: 1));
        Assert.Throws<InvalidDataException>(() => new SpanReader(elements).ReadLength(minElementBytes: 2));
    }

    [Fact]
    public void ReadBytes_NegativeCount_Throws()
    {
        Assert.Throws<InvalidDataException>(() => new SpanReader([1, 2]).ReadBytes(-1));
    }

    private delegate void ReadAction(ref SpanReader reader);

    private static void AssertTruncated(byte[] data, ReadAction read, int wanted)
    {
        var ex = Assert.Throws<InvalidDataException>(() =>
        {
            var reader = new SpanReader(data);
            read(ref reader);
        });

        Assert.StartsWith("Truncated at offset ", ex.Message, StringComparison.Ordinal);
        Assert.Contains($"wanted {wanted} bytes", ex.Message, StringComparison.Ordinal);
    }
}
