namespace LiveProfile.Matching.Tests;

public sealed class NicknameNormalizerTests
{
    [Theory]
    [InlineData("❤小美丶~", "小美")]
    [InlineData("ゞ追光的猫の✨", "追光的猫")]
    [InlineData("ＬＵＣＫＹ８８", "lucky88")]
    [InlineData("小美的小店", "小美")]
    [InlineData("我是王芳", "王芳")]
    [InlineData("🌸🌸", "")]
    public void Core_DropsDecorations_KeepsLettersAndDigits(string nickname, string expected) =>
        Assert.Equal(expected, NicknameNormalizer.Core(nickname));
}
