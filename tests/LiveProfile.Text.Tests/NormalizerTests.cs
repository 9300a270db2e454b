namespace LiveProfile.Text.Tests;

public sealed class NormalizerTests
{
    [Theory]
    [InlineData("ｙｙｄｓ！１６０斤", "yyds!160斤")]
    [InlineData("這個價錢優惠嗎", "这个价钱优惠吗")]
    [InlineData("  主播   SSM  發貨  ", "主播 ssm 发货")]
    [InlineData("愛了😍", "爱了😍")]
    public void Normalize_FoldsWidthCaseScriptAndSpace(string raw, string expected) =>
        Assert.Equal(expected, CommentSegmenter.Normalize(raw));
}
