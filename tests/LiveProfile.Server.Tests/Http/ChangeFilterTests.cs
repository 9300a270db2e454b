using LiveProfile.Engine.Tags;
using LiveProfile.Server.Http;

namespace LiveProfile.Server.Tests.Http;

public sealed class ChangeFilterTests
{
    private static TagChange Change(string tag, TagChangeKind kind = TagChangeKind.Added, ulong profile = 1) => new(profile, tag, kind, 1, 0, 0, 1);

    [Fact]
    public void Matches_ExactIdsColonAndStarPrefixes()
    {
        var filter = ChangeFilter.TryCreate(["interest:", "sharer", "potential:be*"], [], out var problem)!;
        Assert.Null(problem);
        Assert.True(filter.Matches(Change("interest:beauty")));
        Assert.True(filter.Matches(Change("sharer")));
        Assert.True(filter.Matches(Change("potential:beauty")));
        Assert.False(filter.Matches(Change("potential:food")));
        Assert.False(filter.Matches(Change("sharer_plus")));
        Assert.False(filter.Matches(Change("interest")));
    }

    [Fact]
    public void Matches_KindsAndProfile()
    {
        var filter = ChangeFilter.TryCreate([], ["weight_changed", "interest_shift"], out _)!;
        filter.OnlyProfile(7);
        Assert.True(filter.Matches(Change("a", TagChangeKind.WeightChanged, 7)));
        Assert.True(filter.Matches(Change("a", TagChangeKind.InterestShift, 7)));
        Assert.False(filter.Matches(Change("a", TagChangeKind.Added, 7)));
        Assert.False(filter.Matches(Change("a", TagChangeKind.WeightChanged, 8)));
    }

    [Fact]
    public void TryCreate_EmptyTagOrUnknownKind_Refused()
    {
        Assert.Null(ChangeFilter.TryCreate([""], [], out var tagProblem));
        Assert.NotNull(tagProblem);
        Assert.Null(ChangeFilter.TryCreate([], ["renamed"], out var kindProblem));
        Assert.NotNull(kindProblem);
    }
}
