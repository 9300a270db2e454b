using LiveProfile.Engine.Tags.Language;

namespace LiveProfile.Engine.Tests.Tags;

/// <summary>Typical mistakes get one precise diagnostic: line, column, code and what was expected.</summary>
public sealed class TagDiagnosticsTests
{
    private static Diagnostic Single(string source, TagCompileOptions? options = null)
    {
        var compiled = TagExpression.Compile(source, options);
        Assert.False(compiled.Success);
        return Assert.Single(compiled.Diagnostics);
    }

    private static void AssertAt(Diagnostic d, int line, int column, string code, string messagePart)
    {
        Assert.Equal((line, column, code), (d.Line, d.Column, d.Code));
        Assert.Contains(messagePart, d.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("share('beauty' >= 30%", 1, 22, DiagnosticCodes.UnexpectedToken, "expected ')' after the arguments of share(…)")]
    [InlineData("share('beauty' 30%)", 1, 16, DiagnosticCodes.UnexpectedToken, "expected ',' or ')' after the arguments of share(…)")]
    [InlineData("(share('beauty') >= 30%", 1, 24, DiagnosticCodes.UnexpectedToken, "expected ')' to close the '(' at 1:1")]
    [InlineData("share('beauty') >= 30% and", 1, 27, DiagnosticCodes.UnexpectedToken, "expected an expression")]
    [InlineData("", 1, 1, DiagnosticCodes.UnexpectedToken, "expected an expression, found nothing")]
    [InlineData("share('beauty') >= 30% count('live.share', 30d) >= 3", 1, 24, DiagnosticCodes.UnexpectedToken, "join conditions with 'and' or 'or'")]
    [InlineData("share('beauty) >= 1", 1, 7, DiagnosticCodes.UnterminatedString, "unterminated string")]
    [InlineData("attr('city') == 'a\\qb'", 1, 19, DiagnosticCodes.InvalidEscape, "invalid escape")]
    [InlineData("count('live.comment', 30days) >= 1", 1, 25, DiagnosticCodes.InvalidNumber, "invalid number suffix 'days'")]
    [InlineData("share('beauty') >= .3", 1, 20, DiagnosticCodes.InvalidNumber, "write numbers like 0.5")]
    [InlineData("share('beauty') >= 3.", 1, 21, DiagnosticCodes.InvalidNumber, "expected a digit after '.'")]
    [InlineData("share('beauty').value >= 1", 1, 16, DiagnosticCodes.MemberAccess, "member access ('.') is not allowed")]
    [InlineData("a.b", 1, 2, DiagnosticCodes.MemberAccess, "member access")]
    [InlineData("share('beauty')[0] >= 1", 1, 16, DiagnosticCodes.Indexing, "indexing")]
    [InlineData("x = 1", 1, 3, DiagnosticCodes.Assignment, "use '==' to compare")]
    [InlineData("share('beauty') = 0.3", 1, 17, DiagnosticCodes.Assignment, "use '==' to compare")]
    [InlineData("x => x", 1, 3, DiagnosticCodes.Lambda, "lambdas")]
    [InlineData("1 < 2 < 3", 1, 7, DiagnosticCodes.ChainedComparison, "cannot be chained")]
    [InlineData("beauty >= 1", 1, 1, DiagnosticCodes.UnknownIdentifier, "unknown name 'beauty'")]
    [InlineData("share($) >= 1", 1, 7, DiagnosticCodes.InvalidParameterName, "expected a parameter name after '$'")]
    [InlineData("share('beauty') >= 30 %", 1, 23, DiagnosticCodes.UnexpectedCharacter, "'%' must directly follow a number")]
    [InlineData("share('beauty') & true", 1, 17, DiagnosticCodes.UnexpectedCharacter, "write 'and' or '&&'")]
    [InlineData("share('beauty') >= 1 ; true", 1, 22, DiagnosticCodes.UnexpectedCharacter, "unexpected character ';'")]
    public void Compile_SyntaxMistake_ReportsFirstErrorWithPosition(string source, int line, int column, string code, string message)
    {
        AssertAt(Single(source), line, column, code, message);
    }

    [Fact]
    public void Compile_ErrorOnSecondLine_ReportsLineAndColumn()
    {
        var d = Single("share('beauty') >= 30%\n  and count('live.comment', 30d) >= 5 )");
        AssertAt(d, 2, 39, DiagnosticCodes.UnexpectedToken, "unexpected ')' after the end of the expression");
    }

    [Fact]
    public void Compile_ChineseText_ColumnsCountCharacters()
    {
        var d = Single("label_share('国潮') >= 40% and 国潮");
        AssertAt(d, 1, 30, DiagnosticCodes.UnexpectedCharacter, "unexpected character '国'");
    }

    [Theory]
    [InlineData("GetType()", 1, 1, DiagnosticCodes.UnknownFunction, "unknown function 'GetType'")]
    [InlineData("Count('live.comment', 30d) >= 1", 1, 1, DiagnosticCodes.UnknownFunction, "did you mean 'count'?")]
    [InlineData("shares('beauty') >= 1", 1, 1, DiagnosticCodes.UnknownFunction, "did you mean 'share'?")]
    [InlineData("share() >= 0.3", 1, 1, DiagnosticCodes.WrongArgumentCount, "share(…) takes 1 argument, not 0")]
    [InlineData("orders(30d, 60d) >= 1", 1, 1, DiagnosticCodes.WrongArgumentCount, "takes 0 to 1 arguments, not 2")]
    [InlineData("count('live.comment', 30) >= 1", 1, 23, DiagnosticCodes.ArgumentType, "argument 2 (window) of count(…) must be a Duration such as 30d, not a Number")]
    [InlineData("share(3) >= 1", 1, 7, DiagnosticCodes.ArgumentType, "must be a String such as 'beauty'")]
    [InlineData("count('live.comentt', 30d) >= 1", 1, 7, DiagnosticCodes.InvalidArgument, "unknown event type 'live.comentt'")]
    [InlineData("count('catalog.product', 30d) >= 1", 1, 7, DiagnosticCodes.InvalidArgument, "is not a user event")]
    [InlineData("count('live.comment', 200d) >= 1", 1, 23, DiagnosticCodes.InvalidArgument, "whole days between 1d and 180d")]
    [InlineData("count('live.comment', 12h) >= 1", 1, 23, DiagnosticCodes.InvalidArgument, "whole days between 1d and 180d")]
    [InlineData("intent_count('ask_colour', 30d) >= 1", 1, 14, DiagnosticCodes.InvalidArgument, "unknown intent 'ask_colour'")]
    [InlineData("attr('phone') == '1'", 1, 6, DiagnosticCodes.InvalidArgument, "unknown attribute 'phone'")]
    [InlineData("affinity('花西子') >= 1", 1, 10, DiagnosticCodes.InvalidArgument, "invalid affinity key")]
    [InlineData("hour_share(25, 3, 30d) >= 0.5", 1, 12, DiagnosticCodes.InvalidArgument, "whole hour 0–23")]
    [InlineData("model_score('Churn') >= 0.5", 1, 13, DiagnosticCodes.InvalidArgument, "invalid model name")]
    [InlineData("share('') >= 0.5", 1, 7, DiagnosticCodes.InvalidArgument, "non-empty name")]
    [InlineData("count('live.comment', dwell(30d)) >= 1", 1, 23, DiagnosticCodes.ArgumentNotConstant, "must be a constant")]
    [InlineData("dwell(30d) >= 60", 1, 12, DiagnosticCodes.OperatorType, "write the number with a unit")]
    [InlineData("share('beauty') + 'x' >= 1", 1, 17, DiagnosticCodes.OperatorType, "cannot apply '+'")]
    [InlineData("'a' + 'b' == 'ab'", 1, 5, DiagnosticCodes.OperatorType, "strings cannot be concatenated")]
    [InlineData("share('beauty') and true", 1, 17, DiagnosticCodes.OperatorType, "the left side is a Number")]
    [InlineData("not share('beauty')", 1, 1, DiagnosticCodes.OperatorType, "'not' needs a condition")]
    [InlineData("attr('gender') > 'f'", 1, 16, DiagnosticCodes.OperatorType, "orders Numbers or Durations")]
    [InlineData("share('beauty')", 1, 1, DiagnosticCodes.ResultType, "expected a condition (Bool), but the expression is a Number")]
    public void Compile_BindingMistake_ReportsPosition(string source, int line, int column, string code, string message)
    {
        AssertAt(Single(source), line, column, code, message);
    }

    [Fact]
    public void Compile_SeveralBindingMistakes_ReportsEachInSourceOrder()
    {
        var compiled = TagExpression.Compile("foo(1) >= 1 and count('x', 30d) >= 1\n or share(1) >= 1");
        Assert.Equal([(1, 1, "TL101"), (1, 23, "TL105"), (2, 11, "TL103")], compiled.Diagnostics.Select(d => (d.Line, d.Column, d.Code)));
    }

    [Fact]
    public void Compile_MissingParameterValue_Reported()
    {
        var d = Single("share($category) >= 30%", new TagCompileOptions { Parameters = new Dictionary<string, string>() });
        AssertAt(d, 1, 7, DiagnosticCodes.MissingParameter, "no value for parameter '$category'");
    }

    [Fact]
    public void Instantiate_InvalidParameterValue_ReportedAtTheArgument()
    {
        var template = TagExpression.Compile("count($type, 30d) >= 1").Expression!;
        Assert.True(template.IsTemplate);
        var compiled = template.Instantiate(new Dictionary<string, string> { ["type"] = "catalog.session" });
        AssertAt(Assert.Single(compiled.Diagnostics), 1, 7, DiagnosticCodes.InvalidArgument, "is not a user event");
    }

    [Fact]
    public void Compile_NumberWeight_AcceptedWhenExpectedTypeIsNumber()
    {
        var compiled = TagExpression.Compile("share('beauty')", new TagCompileOptions { ExpectedType = TagValueType.Number });
        Assert.True(compiled.Success);
        Assert.Equal(TagValueType.Number, compiled.Expression!.ResultType);
    }
}
