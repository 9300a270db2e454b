namespace LiveProfile.Text.Tests;

public sealed class SegmenterTests
{
    private static IReadOnlyList<string> Cut(string text) => CommentSegmenter.Shared.Segment(text);

    [Theory]
    [InlineData("敏感肌能用吗", "敏感肌")]
    [InlineData("我是成分党想问下配方", "成分党")]
    [InlineData("国潮品牌的卫衣有大码吗", "国潮")]
    [InlineData("直播间价多少", "直播间价")]
    [InlineData("家人们上链接", "上链接")]
    [InlineData("这个洗地机是戴森平替吗", "平替")]
    [InlineData("已拍两件", "已拍")]
    public void Segment_UserDictionaryWords_StayWhole(string comment, string word) =>
        Assert.Contains(word, Cut(comment));

    [Fact]
    public void Segment_Emoji_AreKeptAsWholeTokens()
    {
        var tokens = Cut("太好用了😍😍❤️👍🏻");
        Assert.Equal(["😍", "😍", "❤️", "👍🏻"], tokens.Skip(tokens.Count - 4));
    }

    [Fact]
    public void Segment_LatinSlang_IsLowerCasedAndWhole()
    {
        Assert.Contains("yyds", Cut("这款精华YYDS"));
        Assert.Contains("ssm", Cut("ＳＳＭ发货"));
    }

    [Fact]
    public void Segment_QuestionMarks_AreKeptOtherPunctuationDropped()
    {
        var tokens = Cut("包邮吗？，。！");
        Assert.Equal("?", tokens[^1]);
        Assert.DoesNotContain(tokens, t => t is "，" or "," or "。" or "!" or "！");
    }

    [Fact]
    public void Segment_TraditionalComment_MatchesSimplified() =>
        Assert.Equal(Cut("这个面膜什么时候发货？还没收到"), Cut("這個面膜什麼時候發貨？還沒收到"));
}
