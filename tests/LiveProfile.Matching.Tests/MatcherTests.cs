using LiveProfile.Text;

namespace LiveProfile.Matching.Tests;

/// <summary>The matcher on a small population where the truth is known: what links, what waits for review, and why.</summary>
public sealed class MatcherTests : IDisposable
{
    private static readonly string[] Cities = ["杭州", "成都", "武汉", "西安"];
    private readonly Pinyin? _pinyin = Pinyin.TryCreate();

    public void Dispose() => _pinyin?.Dispose();

    /// <summary>
    /// 2,000 accounts; viewer i is account i seen by the live app: the same device for most, a re-decorated nickname,
    /// the city from the network. 300 accounts share the nickname 小可爱.
    /// </summary>
    private static string Nick(int i) => i < 300 ? "小可爱" : $"用户{i}号{"甲乙丙丁戊己庚辛壬癸"[i % 10]}";

    private Matcher Fitted(out List<PersonRecord> viewers)
    {
        var random = new Random(7);
        var accounts = new List<PersonRecord>();
        viewers = [];
        for (var i = 0; i < 2_000; i++)
        {
            var nickname = Nick(i);
            var city = Cities[i % Cities.Length];
            accounts.Add(new PersonRecord($"a{i}", nickname, [$"dev{i}"], $"phone{i}", "省", city, [$"路{i % 97}", $"{i}号"]));
            if (i % 2 == 0) viewers.Add(new PersonRecord($"v{i}", "❤" + nickname, random.Next(10) < 8 ? [$"dev{i}"] : null, null, "省", city));
        }
        var matcher = new Matcher(accounts, _pinyin);
        matcher.Fit(viewers);
        return matcher;
    }

    [Fact]
    public void Candidates_SameDeviceAndNickname_LinksTheRightAccount_AndSaysWhy()
    {
        var matcher = Fitted(out _);
        var candidates = matcher.Candidates(new PersonRecord("v-new", Nick(1234) + "~", ["dev1234"], null, "省", "杭州"));

        Assert.Equal("a1234", candidates[0].AccountId);
        Assert.Equal(MatchDecision.AutoLink, matcher.Decide(candidates));
        var device = Assert.Single(candidates[0].Fields, f => f.Field == MatchField.Device);
        Assert.Equal("shared", device.Level);
        Assert.True(device.Weight > 5, $"a shared device weighs {device.Weight:F1} bits");
        Assert.Equal("missing", Assert.Single(candidates[0].Fields, f => f.Field == MatchField.Phone).Level);
    }

    [Fact]
    public void Candidates_OnlyACommonNickname_IsNotLinked()
    {
        var matcher = Fitted(out _);
        // 300 accounts are 小可爱, 75 of them in 杭州: nothing singles one out.
        var candidates = matcher.Candidates(new PersonRecord("v-common", "小可爱", null, null, "省", "杭州"));
        Assert.NotEqual(MatchDecision.AutoLink, matcher.Decide(candidates));
    }

    [Fact]
    public void Candidates_ARareNicknameInTheSameCity_OutweighsACommonOne()
    {
        var matcher = Fitted(out _);
        var rare = matcher.Candidates(new PersonRecord("v-rare", Nick(1999), null, null, "省", "西安"));
        var common = matcher.Candidates(new PersonRecord("v-common", "小可爱", null, null, "省", "西安"));
        Assert.Equal("a1999", rare[0].AccountId);
        Assert.True(rare[0].Weight > common[0].Weight + 5, $"rare {rare[0].Weight:F1} bits, common {common[0].Weight:F1} bits");
    }

    [Fact]
    public void Decide_ByTheBestCandidatesProbability()
    {
        var matcher = Fitted(out _);
        Assert.Equal(MatchDecision.AutoLink, matcher.Decide([new MatchCandidate("a1", 0.96, 20, [])]));
        Assert.Equal(MatchDecision.AutoLink, matcher.Decide([new MatchCandidate("a1", matcher.Options.AutoLinkAt, 10, [])]));
        Assert.Equal(MatchDecision.Review, matcher.Decide([new MatchCandidate("a1", 0.45, 10, [])]));
        Assert.Equal(MatchDecision.None, matcher.Decide([new MatchCandidate("a1", 0.2, 5, [])]));
        Assert.Equal(MatchDecision.None, matcher.Decide([]));
    }

    [Fact]
    public void Candidates_TwoAccountsEquallyLikely_ShareTheProbability()
    {
        var matcher = new Matcher(
            [new PersonRecord("a1", "王小明", ["d1"], null, "省", "杭州"), new PersonRecord("a2", "王小明", ["d1"], null, "省", "杭州"),
             .. Enumerable.Range(3, 500).Select(i => new PersonRecord($"a{i}", Nick(i + 300), [$"d{i}"], null, "省", Cities[i % 4]))],
            _pinyin);
        matcher.Fit([.. Enumerable.Range(3, 200).Select(i => new PersonRecord($"v{i}", Nick(i + 300), [$"d{i}"], null, "省", Cities[i % 4]))]);
        var candidates = matcher.Candidates(new PersonRecord("v-x", "王小明", ["d1"], null, "省", "杭州"));
        Assert.Equal(2, candidates.Count);
        Assert.Equal(candidates[0].Probability, candidates[1].Probability, 6);
        Assert.True(candidates[0].Probability < 0.5, $"each is {candidates[0].Probability:F3}");
        Assert.NotEqual(MatchDecision.AutoLink, matcher.Decide(candidates)); // a person decides, or nobody
    }

    [Fact]
    public void Fit_PopulationWithTruth_LinksEveryViewerOnItsDevice_AndNoneWrongly()
    {
        var matcher = Fitted(out var viewers);
        int linked = 0, right = 0, onDevice = 0, onDeviceLinked = 0;
        foreach (var viewer in viewers)
        {
            var candidates = matcher.Candidates(viewer);
            var link = matcher.Decide(candidates) == MatchDecision.AutoLink;
            if (viewer.Devices is not null)
            {
                onDevice++;
                if (link) onDeviceLinked++;
            }
            if (!link) continue;
            linked++;
            if (candidates[0].AccountId == "a" + viewer.Id[1..]) right++;
        }
        Assert.Equal(linked, right); // no wrong link
        Assert.Equal(onDevice, onDeviceLinked);
        Assert.True(onDevice > viewers.Count / 2, $"{onDevice} of {viewers.Count} viewers on their device: the population is not as meant");
    }

    /// <summary>A scheduled refit on the same records gives the same weights: name frequencies are replaced, not added to.</summary>
    [Fact]
    public void Fit_AgainOnTheSameRecords_SameWeights()
    {
        var matcher = Fitted(out var viewers);
        var query = new PersonRecord("v-rare", Nick(1999), null, null, "省", "西安");
        var first = matcher.Candidates(query)[0];
        matcher.Fit(viewers);
        var second = matcher.Candidates(query)[0];
        Assert.Equal(first.AccountId, second.AccountId);
        Assert.Equal(first.Weight, second.Weight, 9);
    }

    [Fact]
    public void DecideAll_AnAccountClaimedForSure_IsNoRivalForTheOthers()
    {
        var matcher = Fitted(out _);
        matcher.AddAccount(new PersonRecord("a-x", "王小明", ["d-x"], "phone-x", "省", "杭州"));
        matcher.AddAccount(new PersonRecord("a-y", "王小明", ["d-y"], "phone-y", "省", "杭州"));
        var sure = new PersonRecord("r-sure", "王小明", ["d-x"], null, "省", "杭州");
        var nameOnly = new PersonRecord("r-name", "王小明", null, null, "省", "杭州");

        var alone = matcher.Candidates(nameOnly);
        Assert.Equal(alone[0].Probability, alone[1].Probability, 6); // a-x and a-y are equally likely
        var decided = matcher.DecideAll([sure, nameOnly]);
        Assert.Equal(("a-x", MatchDecision.AutoLink), (decided[0].Candidates[0].AccountId, decided[0].Decision));
        Assert.Equal("a-y", decided[1].Candidates[0].AccountId);
        Assert.DoesNotContain(decided[1].Candidates, c => c.AccountId == "a-x");
        Assert.True(decided[1].Candidates[0].Probability > alone[0].Probability + 0.1,
            $"without its rival {decided[1].Candidates[0].Probability:F3}, with it {alone[0].Probability:F3}");
    }

    [Fact]
    public void DecideAll_TwoRecordsSureOfOneAccount_TheLikelierKeepsIt()
    {
        var matcher = Fitted(out _);
        matcher.AddAccount(new PersonRecord("a-x", "王小明", ["d-x"], "phone-x", "省", "杭州"));
        var likelier = new PersonRecord("r-phone", "王小明", ["d-x"], "phone-x", "省", "杭州");
        var other = new PersonRecord("r-device", "王小明", ["d-x"], null, "省", "杭州");
        Assert.Equal(MatchDecision.AutoLink, matcher.Decide(matcher.Candidates(other))); // alone it would link too
        var decided = matcher.DecideAll([other, likelier]);
        Assert.Equal(("a-x", MatchDecision.AutoLink), (decided[1].Candidates[0].AccountId, decided[1].Decision));
        Assert.DoesNotContain(decided[0].Candidates, c => c.AccountId == "a-x");
    }

    [Fact]
    public void Candidates_AProductTouchedWithinTheHour_FindsTheAccountWhateverTheNames()
    {
        var matcher = Fitted(out _);
        matcher.AddAccount(new PersonRecord("a-t", "完全不同的名字", Touches: [new ProductTouch("sku-9", 100_000), new ProductTouch("sku-3", 50_000)]));
        var clickedThen = matcher.Candidates(new PersonRecord("r1", "另一个昵称", Touches: [new ProductTouch("sku-9", 99_970)]), int.MaxValue);
        var found = Assert.Single(clickedThen, c => c.AccountId == "a-t");
        Assert.Equal("one", Assert.Single(found.Fields, f => f.Field == MatchField.CoClicks).Level);
        var clickedLater = matcher.Candidates(new PersonRecord("r2", "另一个昵称", Touches: [new ProductTouch("sku-9", 100_200)]), int.MaxValue);
        Assert.DoesNotContain(clickedLater, c => c.AccountId == "a-t");
    }

    [Fact]
    public void Upsert_ReplacesAnAccountsEvidence_ItsNewBlocksFindIt_AndItIsCountedOnce()
    {
        var matcher = Fitted(out _);
        var count = matcher.AccountCount;
        matcher.Upsert(new PersonRecord("a-u", "旧名字", Touches: [new ProductTouch("sku-1", 10_000)]));
        matcher.Upsert(new PersonRecord("a-u", "新名字", Touches: [new ProductTouch("sku-1", 10_000), new ProductTouch("sku-2", 20_000)]));
        Assert.Equal(count + 1, matcher.AccountCount);

        // The new touch finds it (a block it joined on replacement), and it is compared as it is now: the new name.
        var found = Assert.Single(matcher.Candidates(new PersonRecord("r", "新名字", Touches: [new ProductTouch("sku-2", 20_010)]), int.MaxValue),
            c => c.AccountId == "a-u");
        Assert.Equal("same", Assert.Single(found.Fields, f => f.Field == MatchField.Nickname).Level);
        Assert.Equal("one", Assert.Single(found.Fields, f => f.Field == MatchField.CoClicks).Level);
        // Through the block of its old name it is still reached, but the comparison reads the new one.
        var old = matcher.Candidates(new PersonRecord("r-old", "旧名字"), int.MaxValue).SingleOrDefault(c => c.AccountId == "a-u");
        Assert.True(old is null || old.Fields[(int)MatchField.Nickname].Level != "same");
    }

    [Theory]
    [InlineData(new[] { 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2, 5 }, 0.2)] // 10 names once, 1 twice: a unique name is expected 2·1/10 times
    [InlineData(new[] { 1, 1, 2, 2, 2 }, 1.0)]                      // names often shared: never more than once
    [InlineData(new[] { 1, 1, 1, 3 }, 1.0)]                         // no name held twice: no estimate, the plain count
    public void UniqueNameCount_IsGoodTuringsForANameSeenOnce(int[] countsByName, double expected) =>
        Assert.Equal(expected, Matcher.UniqueNameCount(countsByName), 9);

    [Fact]
    public void Options_ThresholdsOutOfOrder_AreRejected() =>
        Assert.Throws<ArgumentException>(() => new Matcher([], null, new MatchOptions { ReviewAt = 0.9, AutoLinkAt = 0.8 }));
}
