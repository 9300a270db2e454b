using System.Text;
using LiveProfile.Storage.Privacy;

namespace LiveProfile.Storage.Tests.Privacy;

public sealed class KeyVaultTests : IDisposable
{
    private const string Tenant = "shop-1";
    private readonly TestDirectory _dir = new();

    // magic (8) + tenant record frame (13 + 2 + name + 64); user-key frames are 13 + 44 = 57 bytes.
    private static long FirstUserKeyOffset => 8 + 13 + 2 + Encoding.UTF8.GetByteCount(Tenant) + 64;

    private const int UserKeyFrame = 57;

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Open_FirstStart_CreatesFile0600InDirectory0700()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var directory = _dir.Sub("vault");
        using var vault = KeyVault.Open(directory);

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(directory, KeyVault.FileName)));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(directory));
    }

    [Fact]
    public void Open_ExistingLooseDirectoryOnFirstStart_TightensTo0700()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var directory = _dir.Sub("vault");
        Directory.CreateDirectory(directory);
        File.SetUnixFileMode(directory, (UnixFileMode)0b111_101_101);
        using var vault = KeyVault.Open(directory);

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(directory));
    }

    [Fact]
    public void Keys_AfterFlushAndReopen_AreTheSame()
    {
        var directory = _dir.Sub("vault");
        byte[] hmac, quarantine, user1, user2, otherTenant;
        using (var vault = KeyVault.Open(directory))
        {
            hmac = vault.TenantHmacKey(Tenant).ToArray();
            quarantine = vault.QuarantineKey(Tenant);
            user1 = vault.GetOrCreateUserKey(Tenant, 1);
            user2 = vault.GetOrCreateUserKey(Tenant, ulong.MaxValue);
            otherTenant = vault.GetOrCreateUserKey("shop-2", 1);
            vault.Flush();
        }

        using var reopened = KeyVault.Open(directory);
        Assert.Equal(hmac, reopened.TenantHmacKey(Tenant).ToArray());
        Assert.Equal(quarantine, reopened.QuarantineKey(Tenant));
        Assert.True(reopened.TryGetUserKey(Tenant, 1, out var k1));
        Assert.True(reopened.TryGetUserKey(Tenant, ulong.MaxValue, out var k2));
        Assert.True(reopened.TryGetUserKey("shop-2", 1, out var k3));
        Assert.Equal(user1, k1);
        Assert.Equal(user2, k2);
        Assert.Equal(otherTenant, k3);
        Assert.Equal(3, reopened.UserKeyCount);
        Assert.Equal(0, reopened.TruncatedBytesOnOpen);
    }

    [Fact]
    public void Keys_DifferPerTenantAndPerPurpose()
    {
        using var vault = KeyVault.Open(_dir.Sub("vault"));

        var a = vault.TenantHmacKey("a").ToArray();
        var b = vault.TenantHmacKey("b").ToArray();

        Assert.Equal(32, a.Length);
        Assert.NotEqual(a, b);
        Assert.NotEqual(a, vault.QuarantineKey("a"));
        Assert.NotEqual(vault.GetOrCreateUserKey("a", 7), vault.GetOrCreateUserKey("b", 7));
        Assert.Equal(vault.GetOrCreateUserKey("a", 7), vault.GetOrCreateUserKey("a", 7));
    }

    [Fact]
    public void GetOrCreateUserKey_BeforeFlush_IsOnlyInMemory()
    {
        var directory = _dir.Sub("vault");
        using var vault = KeyVault.Open(directory);
        vault.TenantHmacKey(Tenant);

        var key = vault.GetOrCreateUserKey(Tenant, 42);

        Assert.False(Bytes.Contains(ReadVaultFile(directory), key));
        vault.Flush();
        Assert.True(Bytes.Contains(ReadVaultFile(directory), key));
    }

    [Fact]
    public void TenantHmacKey_New_IsDurableWithoutFlush()
    {
        var directory = _dir.Sub("vault");
        using var vault = KeyVault.Open(directory);

        var key = vault.TenantHmacKey(Tenant).ToArray();

        Assert.True(Bytes.Contains(ReadVaultFile(directory), key));
    }

    [Fact]
    public void TryGetUserKey_Unknown_ReturnsFalse()
    {
        using var vault = KeyVault.Open(_dir.Sub("vault"));
        vault.GetOrCreateUserKey(Tenant, 1);

        Assert.False(vault.TryGetUserKey(Tenant, 2, out _));
        Assert.False(vault.TryGetUserKey("nobody", 1, out _));
    }

    [Theory]
    [InlineData("zeros")]
    [InlineData("short-header")]
    [InlineData("half-record")]
    [InlineData("bad-last-crc")]
    public void Open_TornTail_CutsItAndKeepsEverythingBefore(string tail)
    {
        var directory = _dir.Sub("vault");
        byte[] k1;
        using (var vault = KeyVault.Open(directory))
        {
            k1 = vault.GetOrCreateUserKey(Tenant, 1);
            vault.Flush();
        }

        var path = Path.Combine(directory, KeyVault.FileName);
        var intact = new FileInfo(path).Length;
        var lastRecord = File.ReadAllBytes(path).AsSpan((int)FirstUserKeyOffset, UserKeyFrame).ToArray();
        switch (tail)
        {
            case "zeros":
                Bytes.Append(path, new byte[300]);
                break;
            case "short-header":
                Bytes.Append(path, lastRecord.AsSpan(0, 5));
                break;
            case "half-record":
                Bytes.Append(path, lastRecord.AsSpan(0, 30));
                break;
            case "bad-last-crc":
                lastRecord[20] ^= 0xFF;
                Bytes.Append(path, lastRecord);
                break;
        }

        byte[] k2;
        using (var vault = KeyVault.Open(directory))
        {
            Assert.Equal(new FileInfo(path).Length, intact);
            Assert.True(vault.TruncatedBytesOnOpen > 0);
            Assert.True(vault.TryGetUserKey(Tenant, 1, out var again));
            Assert.Equal(k1, again);
            k2 = vault.GetOrCreateUserKey(Tenant, 2);
            vault.Flush();
        }

        using var third = KeyVault.Open(directory);
        Assert.Equal(0, third.TruncatedBytesOnOpen);
        Assert.True(third.TryGetUserKey(Tenant, 2, out var k2Again));
        Assert.Equal(k2, k2Again);
    }

    [Theory]
    [InlineData(0)]  // length field of the first user-key record: header checksum
    [InlineData(9)]  // first payload byte: payload checksum
    [InlineData(40)] // inside the key
    public void Open_CorruptionInTheMiddle_FailsClosedNamingFileAndOffset(int delta)
    {
        var directory = _dir.Sub("vault");
        using (var vault = KeyVault.Open(directory))
        {
            vault.GetOrCreateUserKey(Tenant, 1);
            vault.GetOrCreateUserKey(Tenant, 2);
            vault.GetOrCreateUserKey(Tenant, 3);
            vault.Flush();
        }

        var path = Path.Combine(directory, KeyVault.FileName);
        Bytes.FlipByte(path, FirstUserKeyOffset + delta);

        var ex = Assert.Throws<InvalidDataException>(() => KeyVault.Open(directory));
        Assert.Contains(KeyVault.FileName, ex.Message, StringComparison.Ordinal);
        Assert.Contains($"offset {FirstUserKeyOffset}", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_BadMagic_FailsClosedAtOffsetZero()
    {
        var directory = _dir.Sub("vault");
        KeyVault.Open(directory).Dispose();
        Bytes.FlipByte(Path.Combine(directory, KeyVault.FileName), 2);

        var ex = Assert.Throws<InvalidDataException>(() => KeyVault.Open(directory));
        Assert.Contains("offset 0", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_SameDirectoryTwice_SecondIsRefused()
    {
        var directory = _dir.Sub("vault");
        using var vault = KeyVault.Open(directory);

        Assert.ThrowsAny<IOException>(() => KeyVault.Open(directory));
    }

    [Fact]
    public void DestroyUserKey_ThenCompact_RemovesKeyBytesFromFile()
    {
        var directory = _dir.Sub("vault");
        using var vault = KeyVault.Open(directory);
        var doomed = vault.GetOrCreateUserKey(Tenant, 1);
        var kept = vault.GetOrCreateUserKey(Tenant, 2);
        vault.Flush();
        Assert.True(Bytes.Contains(ReadVaultFile(directory), doomed));

        Assert.True(vault.DestroyUserKey(Tenant, 1));

        Assert.False(vault.TryGetUserKey(Tenant, 1, out _));
        Assert.Equal(1, vault.UserKeyCount);
        Assert.True(Bytes.Contains(ReadVaultFile(directory), doomed)); // still there until compaction

        vault.Compact();

        var file = ReadVaultFile(directory);
        Assert.False(Bytes.Contains(file, doomed));
        Assert.True(Bytes.Contains(file, kept));
        Assert.False(File.Exists(Path.Combine(directory, KeyVault.FileName + ".tmp")));
    }

    [Fact]
    public void DestroyUserKey_CompactAfterReopen_RemovesKeyBytesFromFile()
    {
        var directory = _dir.Sub("vault");
        byte[] doomed;
        using (var vault = KeyVault.Open(directory))
        {
            doomed = vault.GetOrCreateUserKey(Tenant, 1);
            vault.GetOrCreateUserKey(Tenant, 2);
            vault.Flush();
            vault.DestroyUserKey(Tenant, 1);
        }

        Assert.True(Bytes.Contains(ReadVaultFile(directory), doomed));
        using (var vault = KeyVault.Open(directory))
        {
            vault.Compact();
        }

        Assert.False(Bytes.Contains(ReadVaultFile(directory), doomed));
        using var reopened = KeyVault.Open(directory);
        Assert.Equal(1, reopened.UserKeyCount);
        Assert.False(reopened.TryGetUserKey(Tenant, 1, out _));
    }

    [Fact]
    public void DestroyUserKey_WithoutCompact_SurvivesReopen()
    {
        var directory = _dir.Sub("vault");
        using (var vault = KeyVault.Open(directory))
        {
            vault.GetOrCreateUserKey(Tenant, 1);
            vault.GetOrCreateUserKey(Tenant, 2);
            vault.Flush();
            Assert.True(vault.DestroyUserKey(Tenant, 1));
            Assert.False(vault.DestroyUserKey(Tenant, 1));
            Assert.False(vault.DestroyUserKey("nobody", 1));
        }

        using var reopened = KeyVault.Open(directory);
        Assert.False(reopened.TryGetUserKey(Tenant, 1, out _));
        Assert.True(reopened.TryGetUserKey(Tenant, 2, out _));
        Assert.Equal(1, reopened.UserKeyCount);
    }

    [Fact]
    public void Compact_ThenNewKeysAndReopen_EverythingLiveSurvives()
    {
        var directory = _dir.Sub("vault");
        var expected = new Dictionary<ulong, byte[]>();
        byte[] hmac;
        using (var vault = KeyVault.Open(directory))
        {
            hmac = vault.TenantHmacKey(Tenant).ToArray();
            for (ulong id = 0; id < 100; id++)
            {
                expected[id] = vault.GetOrCreateUserKey(Tenant, id);
            }

            for (ulong id = 0; id < 100; id += 3)
            {
                vault.DestroyUserKey(Tenant, id);
                expected.Remove(id);
            }

            var recreated = vault.GetOrCreateUserKey(Tenant, 0); // destroyed, then a new key with the same id
            expected[0] = recreated;
            vault.Compact();
            for (ulong id = 1000; id < 1010; id++)
            {
                expected[id] = vault.GetOrCreateUserKey(Tenant, id);
            }

            vault.Flush();
            if (!OperatingSystem.IsWindows())
            {
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(directory, KeyVault.FileName)));
            }
        }

        using var reopened = KeyVault.Open(directory);
        Assert.Equal(hmac, reopened.TenantHmacKey(Tenant).ToArray());
        Assert.Equal(expected.Count, reopened.UserKeyCount);
        foreach (var (id, key) in expected)
        {
            Assert.True(reopened.TryGetUserKey(Tenant, id, out var got), $"key {id}");
            Assert.Equal(key, got);
        }

        Assert.False(reopened.TryGetUserKey(Tenant, 3, out _));
        Assert.True(reopened.WasDestroyed(Tenant, 3));
        Assert.True(reopened.WasDestroyed(Tenant, 0));
    }

    [Fact]
    public async Task GetOrCreateUserKey_ManyThreadsWithFlushes_AllKeysDurable()
    {
        var directory = _dir.Sub("vault");
        var created = new System.Collections.Concurrent.ConcurrentDictionary<(string, ulong), byte[]>();
        using (var vault = KeyVault.Open(directory))
        {
            var tasks = Enumerable.Range(0, 4).Select(t => Task.Run(() =>
            {
                var tenant = "t" + (t % 2);
                for (ulong i = 0; i < 500; i++)
                {
                    var id = (ulong)t << 32 | i;
                    created[(tenant, id)] = vault.GetOrCreateUserKey(tenant, id);
                    if (i % 50 == 0)
                    {
                        vault.Flush();
                    }
                }
            })).ToArray();
            await Task.WhenAll(tasks);
            vault.Flush();
        }

        using var reopened = KeyVault.Open(directory);
        Assert.Equal(created.Count, reopened.UserKeyCount);
        foreach (var ((tenant, id), key) in created)
        {
            Assert.True(reopened.TryGetUserKey(tenant, id, out var got));
            Assert.Equal(key, got);
        }
    }

    [Fact]
    public void Dispose_WithBufferedKeys_FlushesThem()
    {
        var directory = _dir.Sub("vault");
        byte[] key;
        using (var vault = KeyVault.Open(directory))
        {
            key = vault.GetOrCreateUserKey(Tenant, 9);
        }

        using var reopened = KeyVault.Open(directory);
        Assert.True(reopened.TryGetUserKey(Tenant, 9, out var got));
        Assert.Equal(key, got);
    }

    [Fact]
    public void Use_AfterDispose_Throws()
    {
        var vault = KeyVault.Open(_dir.Sub("vault"));
        vault.Dispose();

        Assert.Throws<ObjectDisposedException>(() => vault.GetOrCreateUserKey(Tenant, 1));
    }

    private static byte[] ReadVaultFile(string directory) => RawFile.ReadAllBytes(Path.Combine(directory, KeyVault.FileName));
}
