using LiveProfile.Matching;

namespace LiveProfile.Matching.Tests;

public sealed class AddressTokensTests
{
    [Theory]
    [InlineData("浙江省杭州市西湖区文化路123号阳光花园5栋2单元301室", "西湖区|文化路|123号|阳光花园|5栋|2单元|301室")]
    [InlineData("上海市 浦东新区 张江镇 科苑路 88号", "浦东新区|张江镇|科苑路|88号")]
    [InlineData("北京市朝阳区建国路街道幸福小区", "朝阳区|建国路|街道|幸福小区")]
    [InlineData("广东省深圳市南山区桃源街道丽山路12号, 3栋", "南山区|桃源街道|丽山路|12号|3栋")]
    public void Of_SplitsWhereAPersonLives_WithoutProvinceAndCity(string address, string expected) =>
        Assert.Equal(expected.Split('|'), AddressTokens.Of(address));

    [Fact]
    public void Of_NothingOrTooLong_IsEmptyOrCut()
    {
        Assert.Empty(AddressTokens.Of(null));
        Assert.Empty(AddressTokens.Of("   "));
        Assert.True(string.Concat(AddressTokens.Of(new string('路', 10_000))).Length <= AddressTokens.MaxLength);
    }
}
