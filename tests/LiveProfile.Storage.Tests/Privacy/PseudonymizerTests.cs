using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using CsCheck;
using LiveProfile.Engine.Contract;
using LiveProfile.Storage.Privacy;

namespace LiveProfile.Storage.Tests.Privacy;

public sealed class PseudonymizerTests : IDisposable
{
    private readonly TestDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Hash_IsHmacSha256OfKindAndUtf8_First8BytesLittleEndian()
    {
        using var vault = KeyVault.Open(_dir.Sub("vault"));
        var pseudonymizer = new Pseudonymizer(vault);

        var hash = pseudonymizer.Hash("t", IdentifierKind.Viewer, "v-1");

        var mac = HMACSHA256.HashData(vault.TenantHmacKey("t").ToArray(), (byte[])[(byte)IdentifierKind.Viewer, .. "v-1"u8]);
        Assert.Equal(BinaryPrimitives.ReadUInt64LittleEndian(mac), hash);
    }

    [Fact]
    public void Hash_NewInstanceOverReopenedVault_IsStable()
    {
        var directory = _dir.Sub("vault");
        ulong first;
        using (var vault = KeyVault.Open(directory))
        {
            first = new Pseudonymizer(vault).Hash("t", IdentifierKind.Account, "acc-42");
        }

        using var reopened = KeyVault.Open(directory);
        Assert.Equal(first, new Pseudonymizer(reopened).Hash("t", IdentifierKind.Account, "acc-42"));
    }

    [Fact]
    public void Hash_DifferentTenantsOrKinds_Differ()
    {
        using var vault = KeyVault.Open(_dir.Sub("vault"));
        var p = new Pseudonymizer(vault);

        var a = p.Hash("tenant-a", IdentifierKind.Account, "same");
        Assert.NotEqual(a, p.Hash("tenant-b", IdentifierKind.Account, "same"));
        Assert.NotEqual(a, p.Hash("tenant-a", IdentifierKind.Viewer, "same"));
        Assert.NotEqual(a, p.Hash("tenant-a", IdentifierKind.Account, "Same"));
    }

    [Fact]
    public void Hash_Normalisation_TrimsAndFoldsNicknamesOnly()
    {
        using var vault = KeyVault.Open(_dir.Sub("vault"));
        var p = new Pseudonymizer(vault);

        Assert.Equal(p.Hash("t", IdentifierKind.Account, "acc"), p.Hash("t", IdentifierKind.Account, "  acc\t"));
        Assert.Equal(p.Hash("t", IdentifierKind.Phone, "+8613800138000"), p.Hash("t", IdentifierKind.Phone, " +8613800138000 "));
        Assert.Equal(p.Hash("t", IdentifierKind.Nickname, "ABC小红"), p.Hash("t", IdentifierKind.Nickname, " ＡＢＣ小红 "));
        Assert.NotEqual(p.Hash("t", IdentifierKind.Account, "ABC"), p.Hash("t", IdentifierKind.Account, "ＡＢＣ"));
        Assert.NotEqual(p.Hash("t", IdentifierKind.Device, "dev-A"), p.Hash("t", IdentifierKind.Device, "dev-a"));
    }

    [Fact]
    public void Hash_WithSmallCacheOrNone_GivesSameResultsAsUncached()
    {
        using var vault = KeyVault.Open(_dir.Sub("vault"));
        var uncached = new Pseudonymizer(vault, new PseudonymizerOptions { CacheCapacityPerTenant = 0 });
        var tiny = new Pseudonymizer(vault, new PseudonymizerOptions { CacheCapacityPerTenant = 4 });
        var big = new Pseudonymizer(vault);
        var kinds = Gen.Int[(int)IdentifierKind.Account, (int)IdentifierKind.Nickname].Select(k => (IdentifierKind)k);
        var value = Gen.OneOf(Gen.Char.AlphaNumeric.Array[1, 4].Select(c => new string(c)), Gen.String);
        var tenants = Gen.Int[0, 1].Select(i => i == 0 ? "a" : "b");

        Gen.Select(tenants, kinds, value).Array[1, 50].Sample(ops =>
        {
            foreach (var (tenant, kind, raw) in ops)
            {
                var expected = uncached.Hash(tenant, kind, raw);
                Assert.Equal(expected, tiny.Hash(tenant, kind, raw));
                Assert.Equal(expected, big.Hash(tenant, kind, raw));
                Assert.Equal(expected, tiny.Hash(tenant, kind, raw)); // second time: from the cache, if it is still there
            }
        }, iter: 200, threads: 1);

        Assert.InRange(tiny.CachedCount("a"), 1, 4);
        Assert.Equal(0, uncached.CachedCount("a"));
    }

    [Fact]
    public void Hash_NonAsciiAndLongValues_Work()
    {
        using var vault = KeyVault.Open(_dir.Sub("vault"));
        var p = new Pseudonymizer(vault);
        var longValue = new string('x', 5000);

        Assert.Equal(p.Hash("t", IdentifierKind.Viewer, longValue), p.Hash("t", IdentifierKind.Viewer, longValue));
        Assert.NotEqual(p.Hash("t", IdentifierKind.Viewer, longValue), p.Hash("t", IdentifierKind.Viewer, longValue + "y"));
        var key = vault.TenantHmacKey("t").ToArray();
        var expected = BinaryPrimitives.ReadUInt64LittleEndian(
            HMACSHA256.HashData(key, (byte[])[(byte)IdentifierKind.Nickname, .. Encoding.UTF8.GetBytes("直播间的小红")]));
        Assert.Equal(expected, p.Hash("t", IdentifierKind.Nickname, "直播间的小红"));
    }
}
