using System.Buffers;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using LiveProfile.Storage.IO;

namespace LiveProfile.Storage.Tests.IO;

public sealed class ByteWriterTests
{
    [Fact]
    public void Writes_PastTheInitialCapacity_GrowAndKeepEverything()
    {
        var writer = new ByteWriter(capacity: 16);
        for (int i = 0; i < 1000; i++)
        {
            writer.WriteInt32(i);
            writer.WriteVarUInt((ulong)i * 1_000_003);
        }

        Assert.True(writer.Capacity >= writer.Length);
        var reader = new SpanReader(writer.WrittenSpan);
        for (int i = 0; i < 1000; i++)
        {
            Assert.Equal(i, reader.ReadInt32());
            Assert.Equal((ulong)i * 1_000_003, reader.ReadVarUInt());
        }

        Assert.Equal(0, reader.Remaining);
    }

    [Fact]
    public void WriteString_LoneSurrogate_ThrowsAndWritesNothing()
    {
        var writer = new ByteWriter();
        writer.WriteByte(7);

        Assert.Throws<EncoderFallbackException>(() => writer.WriteString("bad \uD800 text"));
        Assert.Throws<EncoderFallbackException>(() => writer.WriteString16("\uDC00"));
        Assert.Equal(1, writer.Length);
    }

    [Fact]
    public void WriteString16_OverSixtyFourKiB_Throws()
    {
        var writer = new ByteWriter();

        Assert.Throws<ArgumentException>(() => writer.WriteString16(new string('x', ushort.MaxValue + 1)));
        writer.WriteString16(new string('x', ushort.MaxValue));
        Assert.Equal(2 + ushort.MaxValue, writer.Length);
    }

    [Fact]
    public void Reserve_AndWrittenMutable_PatchInPlace()
    {
        var writer = new ByteWriter();
        writer.Reserve(4);
        writer.WriteByte(9);
        writer.WrittenMutable[..4].Fill(0xEE);

        Assert.Equal([0xEE, 0xEE, 0xEE, 0xEE, 9], writer.WrittenSpan.ToArray());
    }

    [Fact]
    public void AsBufferWriter_GetSpanAndAdvance_Append()
    {
        var writer = new ByteWriter(capacity: 16);
        writer.WriteByte(1);
        Span<byte> span = writer.GetSpan(100);
        Assert.True(span.Length >= 100);
        span[0] = 2;
        writer.Advance(1);
        using (var json = new Utf8JsonWriter(writer))
        {
            json.WriteNumberValue(42);
        }

        Assert.Equal([1, 2, (byte)'4', (byte)'2'], writer.WrittenSpan.ToArray());
        Assert.Throws<ArgumentOutOfRangeException>(() => writer.Advance(writer.Capacity));
        Assert.Throws<ArgumentOutOfRangeException>(() => writer.Advance(-1));
    }

    [Fact]
    public void Clear_Sensitive_ZeroesTheWrittenBytes()
    {
        var writer = new ByteWriter(capacity: 64, sensitive: true);
        writer.WriteUInt64(ulong.MaxValue);
        writer.WriteString("secret");
        Span<byte> buffer = Backing(writer);

        writer.Clear();

        Assert.Equal(0, writer.Length);
        Assert.False(buffer.ContainsAnyExcept((byte)0));
    }

    [Fact]
    public void Clear_Sensitive_ZeroesWhatWasWrittenThroughGetSpanWithoutAdvance()
    {
        var writer = new ByteWriter(capacity: 64, sensitive: true);
        ((IBufferWriter<byte>)writer).GetSpan(8).Fill(0x5A);
        Span<byte> buffer = Backing(writer);

        writer.Clear();

        Assert.False(buffer.ContainsAnyExcept((byte)0));
    }

    [Fact]
    public void Grow_Sensitive_ZeroesTheOldBuffer()
    {
        var writer = new ByteWriter(capacity: 16, sensitive: true);
        writer.WriteBytes(Enumerable.Repeat((byte)0xA5, 16).ToArray());
        Span<byte> old = Backing(writer);

        writer.WriteByte(0xA5);

        Assert.False(old.ContainsAnyExcept((byte)0));
        Assert.Equal(17, writer.Length);
        Assert.False(writer.WrittenSpan.ContainsAnyExcept((byte)0xA5));
    }

    [Fact]
    public void Clear_NotSensitive_LeavesTheBytes()
    {
        var writer = new ByteWriter(capacity: 16);
        writer.WriteUInt32(uint.MaxValue);
        Span<byte> buffer = Backing(writer);

        writer.Clear();

        Assert.Equal(0, writer.Length);
        Assert.Equal([0xFF, 0xFF, 0xFF, 0xFF], buffer[..4].ToArray());
    }

    /// <summary>The whole backing array, as the next growth or clear will leave it.</summary>
    private static Span<byte> Backing(ByteWriter writer)
    {
        Span<byte> written = writer.WrittenMutable;
        return MemoryMarshal.CreateSpan(ref MemoryMarshal.GetReference(written), writer.Capacity);
    }
}
