using LiveProfile.Storage.Privacy;
using LiveProfile.Storage.Quarantine;
using LiveProfile.Storage.Tests.Privacy;

namespace LiveProfile.Storage.Tests.Quarantine;

public sealed class QuarantineStoreTests : IDisposable
{
    private const string Tenant = "shop-1";
    private const string SecretPhone = "+8613912345678";
    private const string SecretName = "李四的真实姓名";
    private const long Received = 1_700_000_000_000;

    private readonly TestDirectory _dir = new();
    private readonly KeyVault _vault;
    private readonly string _qdir;

    public QuarantineStoreTests()
    {
        _vault = KeyVault.Open(_dir.Sub("vault"));
        _qdir = _dir.Sub("quarantine");
    }

    public void Dispose()
    {
        _vault.Dispose();
        _dir.Dispose();
    }

    [Fact]
    public void Add_ThenGet_ReturnsTheEntryDecrypted()
    {
        using var store = QuarantineStore.Open(_qdir, _vault);

        var seqs = store.Add(Tenant, Received, [Input(3, "e-3", "invalid_phone"), Input(4, null, "invalid_json")]);

        Assert.Equal([1L, 2L], seqs);
        var got = store.Get(Tenant, 1);
        Assert.Equal(new QuarantinedEvent(1, Received, 3, "e-3", "invalid_phone", "bad phone " + SecretPhone, RawJson("e-3"), false), got);
        Assert.Null(store.Get(Tenant, 2)!.EventId);
    }

    [Fact]
    public void AddListGetReplayed_SurviveReopen()
    {
        using (var store = QuarantineStore.Open(_qdir, _vault))
        {
            store.Add(Tenant, Received, [Input(1, "a", "invalid_phone"), Input(2, "b", "too_old")]);
            store.Add("shop-2", Received + 1, [Input(1, "c", "too_old")]);
            store.MarkReplayed(Tenant, [2]);
        }

        using var reopened = QuarantineStore.Open(_qdir, _vault);
        Assert.Equal(3, reopened.LastSeq);
        var list = reopened.List(Tenant, null, 0, 10);
        Assert.Equal([1L, 2L], list.Select(e => e.Seq));
        Assert.Equal([false, true], list.Select(e => e.Replayed));
        Assert.Equal(RawJson("b"), list[1].RawJson);
        Assert.Equal("c", reopened.Get("shop-2", 3)!.EventId);
        Assert.Equal([4L], reopened.Add(Tenant, Received, [Input(9, "d", "too_old")]));
    }

    [Fact]
    public void Add_RawJsonMessageAndId_NotInTheFileInPlaintext()
    {
        using (var store = QuarantineStore.Open(_qdir, _vault))
        {
            store.Add(Tenant, Received, [Input(1, "evt-with-secret-id", "invalid_phone")]);
        }

        var file = File.ReadAllBytes(Path.Combine(_qdir, QuarantineStore.FileName));
        foreach (var secret in new[] { SecretPhone, SecretName, "evt-with-secret-id", "bad phone" })
        {
            Assert.False(Bytes.ContainsText(file, secret), $"'{secret}' is in the file");
        }

        Assert.True(Bytes.ContainsText(file, "invalid_phone")); // the code stays plain, for the index
    }

    [Fact]
    public void Add_File_IsMode0600()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        using var store = QuarantineStore.Open(_qdir, _vault);
        store.Add(Tenant, Received, [Input(1, "a", "too_old")]);

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(store.FilePath));
    }

    [Fact]
    public void List_ByCode_PagesInSeqOrder()
    {
        using var store = QuarantineStore.Open(_qdir, _vault);
        var inputs = Enumerable.Range(0, 25).Select(i => Input(i, "e-" + i, i % 3 == 0 ? "too_old" : "invalid_json")).ToList();
        var seqs = store.Add(Tenant, Received, inputs);
        var expected = seqs.Where((_, i) => i % 3 == 0).ToList();

        var pages = new List<IReadOnlyList<QuarantinedEvent>>();
        long after = 0;
        while (true)
        {
            var page = store.List(Tenant, "too_old", after, 4);
            if (page.Count == 0)
            {
                break;
            }

            pages.Add(page);
            after = page[^1].Seq;
        }

        Assert.Equal([4, 4, 1], pages.Select(p => p.Count));
        Assert.Equal(expected, pages.SelectMany(p => p).Select(e => e.Seq));
        Assert.All(pages.SelectMany(p => p), e => Assert.Equal("too_old", e.Code));
        Assert.Equal(25, store.List(Tenant, null, 0, 100).Count);
        Assert.Empty(store.List(Tenant, "unknown_code", 0, 100));
        Assert.Empty(store.List(Tenant, null, seqs[^1], 100));
    }

    [Fact]
    public void List_OtherTenant_SeesNothingOfThisOne()
    {
        using var store = QuarantineStore.Open(_qdir, _vault);
        var seqs = store.Add(Tenant, Received, [Input(1, "a", "too_old")]);

        Assert.Empty(store.List("shop-2", null, 0, 10));
        Assert.Null(store.Get("shop-2", seqs[0]));
        Assert.Null(store.Get(Tenant, 99));
    }

    [Fact]
    public void MarkReplayed_CountsByCodeTrackPendingAndTotal()
    {
        using var store = QuarantineStore.Open(_qdir, _vault);
        var seqs = store.Add(Tenant, Received, [Input(1, "a", "too_old"), Input(2, "b", "too_old"), Input(3, "c", "invalid_json")]);

        store.MarkReplayed(Tenant, [seqs[0], seqs[0], 12345]);
        store.MarkReplayed("shop-2", [seqs[1]]); // not its entry: ignored

        Assert.Equal(new Dictionary<string, long> { ["too_old"] = 2, ["invalid_json"] = 1 }, store.CountsByCode(Tenant));
        Assert.Equal(new Dictionary<string, long> { ["too_old"] = 1, ["invalid_json"] = 1 }, store.CountsByCode(Tenant, pendingOnly: true));
        Assert.True(store.Get(Tenant, seqs[0])!.Replayed);
        Assert.False(store.Get(Tenant, seqs[1])!.Replayed);
        Assert.Empty(store.CountsByCode("nobody"));
    }

    [Fact]
    public void Open_TornTail_CutsAndKeepsEarlierEntries()
    {
        string path;
        using (var store = QuarantineStore.Open(_qdir, _vault))
        {
            store.Add(Tenant, Received, [Input(1, "a", "too_old")]);
            path = store.FilePath;
        }

        var intact = new FileInfo(path).Length;
        var firstRecord = File.ReadAllBytes(path)[8..];
        Bytes.Append(path, firstRecord.AsSpan(0, firstRecord.Length / 2)); // an append cut short

        using var reopened = QuarantineStore.Open(_qdir, _vault);
        Assert.Equal(1, reopened.LastSeq);
        Assert.Equal(intact, new FileInfo(path).Length);
        Assert.Equal([2L], reopened.Add(Tenant, Received, [Input(2, "b", "too_old")]));
        Assert.Equal(RawJson("b"), reopened.Get(Tenant, 2)!.RawJson);
    }

    [Fact]
    public void Open_CorruptionInTheMiddle_FailsClosedNamingFileAndOffset()
    {
        using (var store = QuarantineStore.Open(_qdir, _vault))
        {
            store.Add(Tenant, Received, [Input(1, "a", "too_old")]);
            store.Add(Tenant, Received, [Input(2, "b", "too_old")]);
        }

        var path = Path.Combine(_qdir, QuarantineStore.FileName);
        Bytes.FlipByte(path, 8 + 9 + 3); // inside the first record's payload

        var ex = Assert.Throws<InvalidDataException>(() => QuarantineStore.Open(_qdir, _vault));
        Assert.Contains(QuarantineStore.FileName, ex.Message, StringComparison.Ordinal);
        Assert.Contains("offset 8", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Get_AfterSealedBytesTampered_Throws()
    {
        long seq;
        using (var store = QuarantineStore.Open(_qdir, _vault))
        {
            seq = store.Add(Tenant, Received, [Input(1, "a", "too_old")])[0];
        }

        var path = Path.Combine(_qdir, QuarantineStore.FileName);
        Bytes.FlipByte(path, new FileInfo(path).Length - 10); // the tag; the record checksum catches it first

        // The last record's checksum fails: a torn tail by the rules, so it is cut; the entry is gone, not garbage.
        using var reopened = QuarantineStore.Open(_qdir, _vault);
        Assert.Null(reopened.Get(Tenant, seq));
    }

    [Fact]
    public void Add_Empty_ReturnsNoSeqs()
    {
        using var store = QuarantineStore.Open(_qdir, _vault);

        Assert.Empty(store.Add(Tenant, Received, []));
        Assert.Equal(0, store.LastSeq);
    }

    private static QuarantineEntryInput Input(int line, string? id, string code) =>
        new(line, id, code, "bad phone " + SecretPhone, RawJson(id));

    private static string RawJson(string? id) =>
        $$$"""{"id":"{{{id}}}","type":"user.profile","user":{"phone":"{{{SecretPhone}}}"},"props":{"name":"{{{SecretName}}}"}}""";
}
