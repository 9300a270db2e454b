using LiveProfile.Engine.Contract;
using static LiveProfile.Engine.Tests.Events;
using static LiveProfile.Engine.Tests.Tags.TagHarness;

namespace LiveProfile.Engine.Tests.Tags;

/// <summary>基础属性: scripted users through the engine with the default taxonomy.</summary>
public sealed class BasicTagTests
{
    private static EventRecord Declared(Pseudonym user, long ts, Action<EventProps> props) => User(EventType.UserProfile, ts, [user], props: props);

    [Fact]
    public async Task Gender_Declared_CarriesOnlyThatGender()
    {
        var h = new TagHarness();
        var (woman, man, unknown) = (Account(1), Account(2), Account(3));
        await h.SendAsync(
            Declared(woman, T0, p => p.Gender = "female"),
            Declared(man, T0, p => p.Gender = "male"),
            Declared(unknown, T0, p => p.Gender = "unknown"));
        Assert.True(h.Has(woman, "gender:female"));
        Assert.False(h.Has(woman, "gender:male"));
        Assert.True(h.Has(man, "gender:male"));
        Assert.False(h.Has(man, "gender:female"));
        Assert.DoesNotContain(h.TagsOf(unknown), t => t.StartsWith("gender:", StringComparison.Ordinal));
        Assert.Equal(1f, h.Tag(woman, "gender:female").Weight);
    }

    [Fact]
    public async Task Gender_ChangedDeclaration_MovesTheTag()
    {
        var h = new TagHarness();
        var u = Account(1);
        await h.SendAsync(Declared(u, T0, p => p.Gender = "female"));
        await h.SendAsync(Declared(u, T0 + Minute, p => p.Gender = "male"));
        Assert.True(h.Has(u, "gender:male"));
        Assert.False(h.Has(u, "gender:female"));
    }

    [Theory]
    [InlineData(2005, "age:18-24")] // 2026 - 2005 = 21
    [InlineData(1995, "age:25-34")]
    [InlineData(1985, "age:35-44")]
    [InlineData(1960, "age:45+")]
    public async Task Age_FromBirthYear_CarriesExactlyOneBand(int birthYear, string band)
    {
        var h = new TagHarness();
        var u = Account(1);
        await h.SendAsync(Declared(u, T0, p => p.BirthYear = birthYear));
        Assert.Equal([band], h.TagsOf(u).Where(t => t.StartsWith("age:", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Age_NotDeclaredOrUnder18_NoBand()
    {
        var h = new TagHarness();
        var (silent, child) = (Account(1), Account(2));
        await h.SendAsync(Declared(silent, T0, p => p.Gender = "female"), Declared(child, T0, p => p.BirthYear = 2015));
        Assert.DoesNotContain(h.TagsOf(silent), t => t.StartsWith("age:", StringComparison.Ordinal));
        Assert.DoesNotContain(h.TagsOf(child), t => t.StartsWith("age:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Region_DeclaredProvince_CarriesThatRegionOnly()
    {
        var h = new TagHarness();
        var (shanghai, none) = (Account(1), Account(2));
        await h.SendAsync(Declared(shanghai, T0, p => p.Province = "上海"), Declared(none, T0, p => p.City = "杭州"));
        Assert.Equal(["region:上海"], h.TagsOf(shanghai).Where(t => t.StartsWith("region:", StringComparison.Ordinal)));
        Assert.DoesNotContain(h.TagsOf(none), t => t.StartsWith("region:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task NewUser_RegisteredTenDaysAgo_Carries_UntilThirtyDaysPass()
    {
        var h = new TagHarness();
        var (fresh, old) = (Account(1), Account(2));
        await h.SendAsync(
            Declared(fresh, T0, p => p.RegisteredAtMs = T0 - 10 * Day),
            Declared(old, T0, p => p.RegisteredAtMs = T0 - 100 * Day));
        Assert.True(h.Has(fresh, "new_user"), h.Why(fresh, "new_user"));
        Assert.False(h.Has(old, "new_user"));

        // Nothing happens to the user; time alone (the day sweep) ends it.
        h.AdvanceClock(T0 + 21 * Day);
        Assert.False(h.Has(fresh, "new_user"), h.Why(fresh, "new_user"));
        Assert.Contains(h.ChangesOf(fresh), c => c.Tag == "new_user" && c.Kind == Engine.Tags.TagChangeKind.Removed);
    }

    [Fact]
    public async Task NewUser_WithoutRegistration_CountsFromFirstSeen()
    {
        var h = new TagHarness();
        var u = Viewer(1);
        await h.SendAsync(User(EventType.LiveJoin, T0, [u]));
        Assert.True(h.Has(u, "new_user"));
        h.AdvanceClock(T0 + 31 * Day);
        Assert.False(h.Has(u, "new_user"));
    }
}
