using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using LiveProfile.Engine.Contract;
using LiveProfile.Storage.Privacy;

namespace LiveProfile.Storage.Tests.Privacy;

public sealed class PrivacyDoorTests : IDisposable
{
    private const string Tenant = "shop-1";
    private const string Account = "acct-ZX81-secret";
    private const string Viewer = "viewer-9931-secret";
    private const string Device = "device-3F2A-secret";
    private const string Phone = "+8613800138000";
    private const string Nickname = "小红的直播间ABC";
    private const string Name = "王小红";
    private const string Address = "上海市浦东新区世纪大道100号";
    private const string Extra = """{"favouriteColour":"vermilion-secret"}""";
    private const string LinkedAccount = "linked-acct-77-secret";

    private readonly TestDirectory _dir = new();
    private readonly KeyVault _vault;
    private readonly Pseudonymizer _pseudonymizer;
    private readonly PrivacyDoor _door;

    public PrivacyDoorTests()
    {
        _vault = KeyVault.Open(_dir.Sub("vault"));
        _pseudonymizer = new Pseudonymizer(_vault);
        _door = new PrivacyDoor(_vault, _pseudonymizer);
    }

    public void Dispose()
    {
        _vault.Dispose();
        _dir.Dispose();
    }

    [Fact]
    public void Apply_FullIdentity_LeavesNoPlaintextIdentifierOrPiiAnywhere()
    {
        var e = NewEvent("e-1", EventType.UserProfile, FullIdentity());

        _door.Apply(e);

        Assert.Null(e.Raw);
        Assert.NotNull(e.Sealed);
        var json = JsonSerializer.Serialize(e);
        var haystacks = new[] { Encoding.UTF8.GetBytes(json), Encoding.Unicode.GetBytes(json), e.Sealed! };
        foreach (var secret in new[] { Account, Viewer, Device, Phone, "13800138000", Nickname, Name, Address, "vermilion-secret" })
        {
            foreach (var haystack in haystacks)
            {
                Assert.False(Bytes.ContainsText(haystack, secret), $"'{secret}' leaked");
            }
        }
    }

    [Fact]
    public void Apply_FullIdentity_FillsIdsInPrecedenceOrderWithPseudonyms()
    {
        var e = NewEvent("e-1", EventType.UserProfile, FullIdentity());

        _door.Apply(e);

        Assert.Equal(
            [
                new Pseudonym(IdentifierKind.Account, _pseudonymizer.Hash(Tenant, IdentifierKind.Account, Account)),
                new Pseudonym(IdentifierKind.Viewer, _pseudonymizer.Hash(Tenant, IdentifierKind.Viewer, Viewer)),
                new Pseudonym(IdentifierKind.Device, _pseudonymizer.Hash(Tenant, IdentifierKind.Device, Device)),
                new Pseudonym(IdentifierKind.Phone, _pseudonymizer.Hash(Tenant, IdentifierKind.Phone, Phone)),
                new Pseudonym(IdentifierKind.Nickname, _pseudonymizer.Hash(Tenant, IdentifierKind.Nickname, Nickname)),
            ],
            e.Ids);
        Assert.Equal(e.Ids[0].Hash, e.SealKey);
    }

    [Fact]
    public void Apply_OnlySomeIdentifiers_FillsOnlyThoseInOrder()
    {
        var e = NewEvent("e-1", EventType.LiveJoin, new RawIdentity { Phone = Phone, DeviceId = Device });

        _door.Apply(e);

        Assert.Equal([IdentifierKind.Device, IdentifierKind.Phone], e.Ids.Select(p => p.Kind));
        Assert.Equal(e.Ids[0].Hash, e.SealKey);
    }

    [Fact]
    public void Unseal_AfterApply_ReturnsTheOriginals()
    {
        var e = NewEvent("e-1", EventType.UserProfile, FullIdentity());

        _door.Apply(e);
        var raw = _door.Unseal(e);

        Assert.NotNull(raw);
        Assert.Equal(Account, raw.AccountId);
        Assert.Equal(Viewer, raw.ViewerId);
        Assert.Equal(Device, raw.DeviceId);
        Assert.Equal(Phone, raw.Phone);
        Assert.Equal(Nickname, raw.Nickname);
        Assert.Equal(Name, raw.Name);
        Assert.Equal(Address, raw.Address);
        Assert.Equal(Extra, raw.ExtraPropsJson);
        Assert.Null(raw.Links);
    }

    [Fact]
    public void Unseal_AfterVaultReopen_ReturnsTheOriginals()
    {
        var directory = _dir.Sub("vault2");
        var e = NewEvent("e-1", EventType.UserProfile, FullIdentity());
        using (var vault = KeyVault.Open(directory))
        {
            new PrivacyDoor(vault, new Pseudonymizer(vault)).Apply(e);
            vault.Flush();
        }

        using var reopened = KeyVault.Open(directory);
        var raw = new PrivacyDoor(reopened, new Pseudonymizer(reopened)).Unseal(e);

        Assert.Equal(Address, raw?.Address);
    }

    [Fact]
    public void Apply_IdentityLinkWithoutUser_LinkedIdsArePseudonymsAndFirstOneSeals()
    {
        var raw = new RawIdentity { Links = [(IdentifierKind.Account, LinkedAccount), (IdentifierKind.Viewer, Viewer)] };
        var e = NewEvent("link-1", EventType.IdentityLink, raw);

        _door.Apply(e);

        var expected = new List<Pseudonym>
        {
            new(IdentifierKind.Account, _pseudonymizer.Hash(Tenant, IdentifierKind.Account, LinkedAccount)),
            new(IdentifierKind.Viewer, _pseudonymizer.Hash(Tenant, IdentifierKind.Viewer, Viewer)),
        };
        Assert.Empty(e.Ids);
        Assert.Equal(expected, e.Props.LinkedIds);
        Assert.Equal(expected[0].Hash, e.SealKey);
        Assert.False(Bytes.ContainsText(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(e)), LinkedAccount));
        var unsealed = _door.Unseal(e);
        Assert.Equal([(IdentifierKind.Account, LinkedAccount), (IdentifierKind.Viewer, Viewer)], unsealed!.Links);
    }

    [Fact]
    public void Apply_IdentityLinkWithUser_SealsUnderThePrimaryPseudonym()
    {
        var raw = new RawIdentity { ViewerId = Viewer, Links = [(IdentifierKind.Account, LinkedAccount)] };
        var e = NewEvent("link-2", EventType.IdentityLink, raw);

        _door.Apply(e);

        Assert.Equal(_pseudonymizer.Hash(Tenant, IdentifierKind.Viewer, Viewer), e.SealKey);
        Assert.Single(e.Props.LinkedIds!);
    }

    [Fact]
    public void Apply_NoIdentifierButExtraProps_SealsUnderTheTenantKeyId()
    {
        var e = NewEvent("cat-1", EventType.CatalogProduct, new RawIdentity { ExtraPropsJson = Extra });

        _door.Apply(e);

        Assert.Empty(e.Ids);
        Assert.Equal(PrivacyDoor.TenantSealKeyId, e.SealKey);
        Assert.Equal(Extra, _door.Unseal(e)!.ExtraPropsJson);
    }

    [Fact]
    public void Apply_RawNull_ChangesNothing()
    {
        var e = NewEvent("e-1", EventType.LiveLike, null);
        e.Ids.Add(new Pseudonym(IdentifierKind.Viewer, 5));

        _door.Apply(e);

        Assert.Single(e.Ids);
        Assert.Null(e.Sealed);
        Assert.Null(_door.Unseal(e));
    }

    [Fact]
    public void Apply_EmptyRaw_ClearsItWithoutABlob()
    {
        var e = NewEvent("e-1", EventType.CatalogProduct, new RawIdentity());

        _door.Apply(e);

        Assert.Null(e.Raw);
        Assert.Null(e.Sealed);
        Assert.Equal(0, _vault.UserKeyCount);
    }

    [Fact]
    public void Apply_SameUserTwice_OneKeyAndDistinctNonces()
    {
        var a = NewEvent("e-1", EventType.LiveJoin, new RawIdentity { ViewerId = Viewer });
        var b = NewEvent("e-2", EventType.LiveJoin, new RawIdentity { ViewerId = " " + Viewer });

        _door.Apply(a);
        _door.Apply(b);

        Assert.Equal(a.SealKey, b.SealKey);
        Assert.Equal(1, _vault.UserKeyCount);
        Assert.NotEqual(a.Sealed!.AsSpan(0, 12).ToArray(), b.Sealed!.AsSpan(0, 12).ToArray());
    }

    [Fact]
    public void Apply_ManyEventsOfOneUserOnSeveralThreads_NoncesNeverRepeat()
    {
        var nonces = new System.Collections.Concurrent.ConcurrentDictionary<string, bool>();
        Parallel.For(0, 4, thread =>
        {
            for (var i = 0; i < 5_000; i++)
            {
                var e = NewEvent($"n-{thread}-{i}", EventType.UserProfile, FullIdentity());
                _door.Apply(e);
                Assert.True(nonces.TryAdd(Convert.ToHexString(e.Sealed!, 0, 12), true), "nonce reused");
                if (i % 1000 == 0) Assert.Equal(Name, _door.Unseal(e)!.Name);
            }
        });
        Assert.Equal(20_000, nonces.Count);
    }

    [Fact]
    public void Unseal_AfterDestroyUserKey_ReturnsNull()
    {
        var e = NewEvent("e-1", EventType.UserProfile, FullIdentity());
        _door.Apply(e);

        Assert.True(_vault.DestroyUserKey(Tenant, e.SealKey));

        Assert.Null(_door.Unseal(e));
    }

    [Fact]
    public void Unseal_OldBlobAfterDestroyAndUserReturns_StillErasedAndNewBlobReadable()
    {
        var old = NewEvent("e-1", EventType.UserProfile, FullIdentity());
        _door.Apply(old);
        _vault.DestroyUserKey(Tenant, old.SealKey);

        var fresh = NewEvent("e-2", EventType.UserProfile, FullIdentity());
        _door.Apply(fresh);

        Assert.Equal(old.SealKey, fresh.SealKey);
        Assert.Null(_door.Unseal(old));
        Assert.Equal(Name, _door.Unseal(fresh)!.Name);
    }

    [Theory]
    [InlineData(0)]   // nonce
    [InlineData(20)]  // ciphertext
    [InlineData(-1)]  // tag
    public void Unseal_TamperedByte_ThrowsCryptographicException(int position)
    {
        var e = NewEvent("e-1", EventType.UserProfile, FullIdentity());
        _door.Apply(e);

        var at = position >= 0 ? position : e.Sealed!.Length + position;
        e.Sealed![at] ^= 0x01;

        Assert.ThrowsAny<CryptographicException>(() => _door.Unseal(e));
    }

    [Fact]
    public void Unseal_BlobMovedToAnotherEvent_ThrowsCryptographicException()
    {
        var e = NewEvent("e-1", EventType.UserProfile, FullIdentity());
        _door.Apply(e);

        e.Id = "e-2";

        Assert.ThrowsAny<CryptographicException>(() => _door.Unseal(e));
    }

    [Fact]
    public void Unseal_TruncatedBlob_ThrowsCryptographicException()
    {
        var e = NewEvent("e-1", EventType.UserProfile, FullIdentity());
        _door.Apply(e);

        e.Sealed = e.Sealed![..10];

        Assert.ThrowsAny<CryptographicException>(() => _door.Unseal(e));
    }

    private static RawIdentity FullIdentity() => new()
    {
        AccountId = Account,
        ViewerId = Viewer,
        DeviceId = Device,
        Phone = Phone,
        Nickname = Nickname,
        Name = Name,
        Address = Address,
        ExtraPropsJson = Extra,
    };

    private static EventRecord NewEvent(string id, EventType type, RawIdentity? raw) => new()
    {
        Tenant = Tenant,
        Id = id,
        Type = type,
        TsMs = 1_700_000_000_000,
        ReceivedMs = 1_700_000_000_100,
        Raw = raw,
    };
}
