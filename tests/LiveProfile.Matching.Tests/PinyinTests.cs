using LiveProfile.Text;

namespace LiveProfile.Matching.Tests;

/// <summary>Pinyin through the machine's ICU (Debian's libicu): the tests need it, as production does.</summary>
public sealed class PinyinTests
{
    private static Pinyin Create() => Pinyin.TryCreate() ?? throw new InvalidOperationException("ICU (libicu) is not available on this machine");

    [Theory]
    [InlineData("张三", "zhang san")]
    [InlineData("小美Lucy88", "xiao mei lucy88")]
    [InlineData("", "")]
    public void Of_HanAndLatin_TonelessLowerCasePinyin(string text, string expected)
    {
        using var pinyin = Create();
        Assert.Equal(expected, pinyin.Of(text));
    }

    [Fact]
    public void Of_AnInputMethodTypo_ReadsTheSame()
    {
        using var pinyin = Create();
        Assert.Equal(pinyin.Of("小美美"), pinyin.Of("小美眉"));
        Assert.NotEqual(pinyin.Of("小美美"), pinyin.Of("小猫猫"));
    }

    [Fact]
    public void Of_AfterDispose_Throws()
    {
        var pinyin = Create();
        pinyin.Dispose();
        Assert.Throws<ObjectDisposedException>(() => pinyin.Of("王五"));
    }
}
