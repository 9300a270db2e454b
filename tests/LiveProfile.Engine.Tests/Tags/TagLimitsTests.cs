using LiveProfile.Engine.Tags.Language;

namespace LiveProfile.Engine.Tests.Tags;

/// <summary>Source length, depth, node count and cost are bounded at compile time.</summary>
public sealed class TagLimitsTests
{
    [Fact]
    public void Compile_SourceOverFourKiB_Rejected()
    {
        var source = "share('beauty') >= 0.3" + new string(' ', 4096);
        var d = Assert.Single(TagExpression.Compile(source).Diagnostics);
        Assert.Equal((1, 1, DiagnosticCodes.SourceTooLong), (d.Line, d.Column, d.Code));
    }

    [Theory]
    [InlineData(100)]
    [InlineData(2000)]
    public void Compile_DeepParentheses_RejectedWithoutRecursingFurther(int depth)
    {
        var source = new string('(', depth) + "true" + new string(')', depth);
        var d = Assert.Single(TagExpression.Compile(source).Diagnostics);
        Assert.Equal(DiagnosticCodes.TooDeep, d.Code);
        Assert.Contains("deeper than 32", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Compile_LongNotChain_RejectedAsTooDeep()
    {
        var source = string.Concat(Enumerable.Repeat("not ", 1000)) + "true";
        Assert.Equal(DiagnosticCodes.TooDeep, Assert.Single(TagExpression.Compile(source).Diagnostics).Code);
    }

    [Fact]
    public void Compile_LongMinusChain_RejectedAsTooDeep()
    {
        var source = new string('-', 2000) + "1 >= 0";
        Assert.Equal(DiagnosticCodes.TooDeep, Assert.Single(TagExpression.Compile(source).Diagnostics).Code);
    }

    [Fact]
    public void Compile_LongAdditionChain_RejectedAsTooDeep()
    {
        var source = string.Join(" + ", Enumerable.Repeat("1", 40)) + " >= 1";
        Assert.Equal(DiagnosticCodes.TooDeep, Assert.Single(TagExpression.Compile(source).Diagnostics).Code);
    }

    [Fact]
    public void Compile_ThirtyDepthExpression_Accepted()
    {
        var source = new string('(', 29) + "true" + new string(')', 29);
        var compiled = TagExpression.Compile(source);
        Assert.True(compiled.Success, compiled.ToString());
    }

    [Fact]
    public void Compile_TooManyNodes_Rejected()
    {
        var limits = new CostLimits { MaxDepth = 10_000 };
        var source = string.Join(" + ", Enumerable.Repeat("1", 200)) + " >= 1";
        var d = Assert.Single(TagExpression.Compile(source, new TagCompileOptions { Limits = limits }).Diagnostics);
        Assert.Equal(DiagnosticCodes.TooManyNodes, d.Code);
    }

    [Fact]
    public void Compile_OverCostBudget_RejectedAtTheCallThatCrossedIt()
    {
        // spend_percentile costs 4: 17 calls cost 68 > 64; the 17th call crosses the limit.
        var terms = Enumerable.Range(1, 17).Select(i => $"spend_percentile({i}d) >= 0.5").ToArray();
        var source = string.Join("\nand ", terms);
        var compiled = TagExpression.Compile(source);
        var d = Assert.Single(compiled.Diagnostics);
        Assert.Equal((17, 5, DiagnosticCodes.TooCostly), (d.Line, d.Column, d.Code));
        Assert.Contains("costs 68, more than the limit of 64", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Compile_AcceptedExpression_ReportsItsCostDepthAndNodes()
    {
        var e = TagExpression.Compile("share('beauty') >= 30% and distinct_products('appliance', 30d) >= 2").Expression!;
        Assert.Equal(4, e.Cost);
        Assert.Equal(4, e.Depth);
        Assert.Equal(10, e.NodeCount);
    }
}
