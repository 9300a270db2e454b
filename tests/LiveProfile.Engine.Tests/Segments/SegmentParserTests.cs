using LiveProfile.Engine.Segments;

namespace LiveProfile.Engine.Tests.Segments;

public sealed class SegmentParserTests
{
    private static readonly SegmentAlgebraTests.TestVocabulary Tags =
        new(["interest:beauty", "interest:food", "high_value", "region:上海", "churn_risk", "age:45+", "night_owl"]);

    [Fact]
    public void Parse_IssueExample_AndOfFourTermsWithNegation()
    {
        var node = SegmentParser.Parse("interest:beauty and high_value and region:上海 and not churn_risk", Tags);
        var and = Assert.IsType<AndNode>(node);
        Assert.Equal(["interest:beauty", "high_value", "region:上海", "churn_risk"], node.Tags);
        Assert.IsType<NotNode>(and.Operands[3]);
    }

    [Fact]
    public void Parse_AndBindsTighterThanOr_ParenthesesAndSymbols()
    {
        Assert.Equal("high_value or night_owl and age:45+", SegmentParser.Parse("high_value || night_owl && age:45+", Tags).ToString());
        Assert.IsType<OrNode>(SegmentParser.Parse("high_value or night_owl and age:45+", Tags));
        Assert.IsType<AndNode>(SegmentParser.Parse("(high_value or night_owl) AND !age:45+", Tags));
    }

    [Fact]
    public void Parse_Wildcard_ExpandsToTheTaxonomysTags()
    {
        var any = Assert.IsType<AnyTagTerm>(SegmentParser.Parse("interest:*", Tags));
        Assert.Equal(["interest:beauty", "interest:food"], any.Expanded);
    }

    [Theory]
    [InlineData("", SegmentErrorCodes.Syntax, 0)]
    [InlineData("high_value and", SegmentErrorCodes.Syntax, 14)]
    [InlineData("(high_value or night_owl", SegmentErrorCodes.Syntax, 24)]
    [InlineData("high_value night_owl", SegmentErrorCodes.Syntax, 11)]
    [InlineData("high_value & night_owl", SegmentErrorCodes.Syntax, 11)]
    [InlineData("high_value and vip", SegmentErrorCodes.UnknownTag, 15)]
    [InlineData("nothing:*", SegmentErrorCodes.UnknownTag, 0)]
    [InlineData("inter*", SegmentErrorCodes.Syntax, 0)]
    [InlineData("high_value = 1", SegmentErrorCodes.Syntax, 11)]
    public void Parse_BadExpression_ClearErrorWithCodeAndPosition(string expression, string code, int position)
    {
        var error = Assert.Throws<SegmentSyntaxException>(() => SegmentParser.Parse(expression, Tags));
        Assert.Equal(code, error.Code);
        Assert.Equal(position, error.Position);
        Assert.False(string.IsNullOrWhiteSpace(error.Message));
    }

    [Fact]
    public void Parse_TooBig_Refused()
    {
        var many = string.Join(" or ", Enumerable.Repeat("high_value", SegmentParser.MaxTerms + 1));
        Assert.Equal(SegmentErrorCodes.TooComplex, Assert.Throws<SegmentSyntaxException>(() => SegmentParser.Parse(many, Tags)).Code);
        var deep = new string('(', SegmentParser.MaxDepth + 2) + "high_value" + new string(')', SegmentParser.MaxDepth + 2);
        Assert.Equal(SegmentErrorCodes.TooComplex, Assert.Throws<SegmentSyntaxException>(() => SegmentParser.Parse(deep, Tags)).Code);
        var tooLong = new string('a', SegmentParser.MaxLength + 1);
        Assert.Equal(SegmentErrorCodes.TooComplex, Assert.Throws<SegmentSyntaxException>(() => SegmentParser.Parse(tooLong, Tags)).Code);
    }
}
