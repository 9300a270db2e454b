using System.Text;
using LiveProfile.Engine.Contract;

namespace LiveProfile.Engine.Tests.Contract;

public sealed class Rfc3339Tests
{
    [Theory]
    [InlineData("1970-01-01T00:00:00Z", 0)]
    [InlineData("1969-12-31T23:59:59.999Z", -1)]
    [InlineData("2024-02-29T12:00:00+00:00", 1709208000000)]
    [InlineData("2000-03-01T08:00:00+08:00", 951868800000)]
    [InlineData("0001-01-01T00:00:00Z", Rfc3339.MinMs)]
    [InlineData("9999-12-31T23:59:59.999Z", Rfc3339.MaxMs)]
    [InlineData("2016-12-31T23:59:60Z", 1483228800000)]
    public void TryParse_ValidTime_EpochMs(string text, long expected)
    {
        Assert.True(Rfc3339.TryParse(Encoding.UTF8.GetBytes(text), out var ms));
        Assert.Equal(expected, ms);
    }

    [Theory]
    [InlineData("2024-02-29T12:00:00")]
    [InlineData("2023-02-29T12:00:00Z")]
    [InlineData("2024-13-01T00:00:00Z")]
    [InlineData("2024-04-31T00:00:00Z")]
    [InlineData("2024-01-01T24:00:00Z")]
    [InlineData("2024-01-01T00:60:00Z")]
    [InlineData("2024-01-01T00:00:61Z")]
    [InlineData("2024-01-01T00:00:00.Z")]
    [InlineData("2024-01-01T00:00:00+24:00")]
    [InlineData("2024-01-01T00:00:00+08")]
    [InlineData("2024-01-01T00:00:00+08:00 ")]
    [InlineData("2024-01-01 00:00:00Z")]
    [InlineData("0000-01-01T00:00:00Z")]
    [InlineData("9999-12-31T23:59:59-01:00")]
    [InlineData("２024-01-01T00:00:00Z")]
    [InlineData("")]
    public void TryParse_InvalidTime_False(string text)
    {
        Assert.False(Rfc3339.TryParse(Encoding.UTF8.GetBytes(text), out _));
    }

    [Fact]
    public void TryParse_AgreesWithDateTimeOffset_OnManyInstants()
    {
        var rng = new Random(42);
        for (int i = 0; i < 2000; i++)
        {
            var t = DateTimeOffset.FromUnixTimeMilliseconds(rng.NextInt64(-30_000_000_000_000, 30_000_000_000_000))
                .ToOffset(TimeSpan.FromMinutes(rng.Next(-14 * 60, 14 * 60 + 1)));
            var text = t.ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz", System.Globalization.CultureInfo.InvariantCulture);
            Assert.True(Rfc3339.TryParse(Encoding.UTF8.GetBytes(text), out var ms), text);
            Assert.Equal(t.ToUnixTimeMilliseconds(), ms);
        }
    }
}
