using System.Security.Cryptography;
using LiveProfile.Storage.Checkpoints;
using LiveProfile.Storage.Tests.Log;

namespace LiveProfile.Storage.Tests.Checkpoints;

public sealed class CheckpointFileTests
{
    [Fact]
    public void WriteAtomic_ThenRead_RoundTripsPayloadAndVersion()
    {
        using var dir = new TempDirectory();
        string path = dir.Combine("partition-3.ckpt");
        byte[] payload = RandomNumberGenerator.GetBytes(3 * 1024 * 1024 + 17);

        CheckpointFile.WriteAtomic(path, formatVersion: 7, stream =>
        {
            // Irregular writes: single bytes, spans, arrays.
            stream.WriteByte(payload[0]);
            int at = 1;
            int step = 1;
            while (at < payload.Length)
            {
                int n = Math.Min(step, payload.Length - at);
                if (step % 2 == 0)
                {
                    stream.Write(payload, at, n);
                }
                else
                {
                    stream.Write(payload.AsSpan(at, n));
                }

                at += n;
                step = (step * 3) + 1;
            }
        });

        (uint version, byte[] read) = CheckpointFile.Read(path, (stream, v) => (v, ReadAll(stream)));

        Assert.Equal(7u, version);
        Assert.Equal(payload, read);
        Assert.False(File.Exists(path + ".tmp"));
        Assert.Equal(CheckpointFile.HeaderBytes + payload.Length, new FileInfo(path).Length);
    }

    [Fact]
    public void WriteAtomic_EmptyPayload_RoundTrips()
    {
        using var dir = new TempDirectory();
        string path = dir.Combine("empty.ckpt");

        CheckpointFile.WriteAtomic(path, 1, _ => { });

        Assert.Empty(CheckpointFile.Read(path, (s, _) => ReadAll(s)));
    }

    [Fact]
    public void WriteAtomic_PayloadWriterDisposesStream_StillCompletes()
    {
        using var dir = new TempDirectory();
        string path = dir.Combine("bw.ckpt");

        CheckpointFile.WriteAtomic(path, 2, stream =>
        {
            using var writer = new BinaryWriter(stream);
            writer.Write(42L);
            writer.Write("profiles");
        });

        (long n, string s) = CheckpointFile.Read(path, (stream, _) =>
        {
            using var reader = new BinaryReader(stream);
            return (reader.ReadInt64(), reader.ReadString());
        });
        Assert.Equal(42L, n);
        Assert.Equal("profiles", s);
    }

    [Fact]
    public void Read_FlippedByteAnywhere_ThrowsCorruptedBeforeCallingReader()
    {
        using var dir = new TempDirectory();
        string path = dir.Combine("snap.ckpt");
        byte[] payload = RandomNumberGenerator.GetBytes(200);
        CheckpointFile.WriteAtomic(path, 3, s => s.Write(payload));
        byte[] clean = File.ReadAllBytes(path);

        for (int at = 0; at < clean.Length; at++)
        {
            byte[] damaged = (byte[])clean.Clone();
            damaged[at] ^= 0x01;
            File.WriteAllBytes(path, damaged);
            bool readerCalled = false;

            var ex = Assert.Throws<CheckpointCorruptedException>(() => CheckpointFile.Read(path, (s, _) => readerCalled = true));

            Assert.False(readerCalled, $"reader called with byte {at} damaged");
            Assert.Contains(path, ex.Message, StringComparison.Ordinal);
            Assert.Equal(path, ex.FilePath);
        }
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(1)]
    [InlineData(-200)]
    [InlineData(-220)]
    public void Read_TruncatedOrExtendedFile_ThrowsCorrupted(int delta)
    {
        using var dir = new TempDirectory();
        string path = dir.Combine("snap.ckpt");
        CheckpointFile.WriteAtomic(path, 3, s => s.Write(new byte[200]));
        using (var stream = new FileStream(path, FileMode.Open))
        {
            stream.SetLength(stream.Length + delta);
        }

        Assert.Throws<CheckpointCorruptedException>(() => CheckpointFile.Read(path, (s, _) => 0));
    }

    [Fact]
    public void Read_NotACheckpoint_ThrowsCorruptedNamingMagic()
    {
        using var dir = new TempDirectory();
        string path = dir.Combine("other.bin");
        File.WriteAllBytes(path, new byte[64]);

        var ex = Assert.Throws<CheckpointCorruptedException>(() => CheckpointFile.Read(path, (s, _) => 0));

        Assert.Contains("magic", ex.Message, StringComparison.Ordinal);
        Assert.Equal(0, ex.Offset);
    }

    [Fact]
    public void WriteAtomic_LeftoverTmpFile_IsIgnoredAndOverwritten()
    {
        using var dir = new TempDirectory();
        string path = dir.Combine("snap.ckpt");
        File.WriteAllBytes(path + ".tmp", RandomNumberGenerator.GetBytes(5000)); // a crash mid-write

        Assert.Throws<FileNotFoundException>(() => CheckpointFile.Read(path, (s, _) => 0));

        CheckpointFile.WriteAtomic(path, 1, s => s.Write([1, 2, 3]));

        Assert.Equal(new byte[] { 1, 2, 3 }, CheckpointFile.Read(path, (s, _) => ReadAll(s)));
        Assert.False(File.Exists(path + ".tmp"));
    }

    [Fact]
    public void WriteAtomic_PayloadWriterThrows_KeepsPreviousCheckpoint()
    {
        using var dir = new TempDirectory();
        string path = dir.Combine("snap.ckpt");
        CheckpointFile.WriteAtomic(path, 1, s => s.Write([9, 9]));

        Assert.Throws<InvalidOperationException>(() => CheckpointFile.WriteAtomic(path, 2, s =>
        {
            s.Write(new byte[100_000]);
            throw new InvalidOperationException("snapshot failed");
        }));

        (uint version, byte[] payload) = CheckpointFile.Read(path, (s, v) => (v, ReadAll(s)));
        Assert.Equal(1u, version);
        Assert.Equal([9, 9], payload);
        Assert.False(File.Exists(path + ".tmp"));
    }

    [Fact]
    public void WriteAtomic_ExistingCheckpoint_IsReplaced()
    {
        using var dir = new TempDirectory();
        string path = dir.Combine("snap.ckpt");
        CheckpointFile.WriteAtomic(path, 1, s => s.Write(new byte[1000]));
        CheckpointFile.WriteAtomic(path, 2, s => s.Write([5]));

        (uint version, byte[] payload) = CheckpointFile.Read(path, (s, v) => (v, ReadAll(s)));
        Assert.Equal(2u, version);
        Assert.Equal([5], payload);
    }

    [Fact]
    public void Read_ReaderSeesOnlyThePayload()
    {
        using var dir = new TempDirectory();
        string path = dir.Combine("snap.ckpt");
        CheckpointFile.WriteAtomic(path, 1, s => s.Write([1, 2, 3, 4]));

        CheckpointFile.Read(path, (stream, _) =>
        {
            Assert.False(stream.CanWrite);
            Assert.Equal(4, stream.Length);
            var buffer = new byte[64];
            Assert.Equal(4, stream.Read(buffer));
            Assert.Equal(0, stream.Read(buffer));
            Assert.Equal(-1, stream.ReadByte());
            return 0;
        });
    }

    private static byte[] ReadAll(Stream stream)
    {
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
