using System.Text;
using LiveProfile.Storage.Log;

namespace LiveProfile.Storage.Tests.Log;

public sealed class Crc32CTests
{
    [Fact]
    public void Compute_StandardCheckInput_MatchesCastagnoliCheckValue()
    {
        Assert.Equal(0xE3069283u, Crc32C.Compute("123456789"u8));
    }

    [Fact]
    public void Update_InPieces_EqualsOneShot()
    {
        byte[] data = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("live-stream commerce 直播 ", 40)));
        for (int split = 0; split <= data.Length; split += 7)
        {
            uint state = Crc32C.Update(Crc32C.Seed, data.AsSpan(0, split));
            state = Crc32C.Update(state, data.AsSpan(split));
            Assert.Equal(Crc32C.Compute(data), Crc32C.Finish(state));
        }
    }

    [Fact]
    public void Compute_SingleBitFlip_Changes()
    {
        byte[] data = new byte[333];
        uint clean = Crc32C.Compute(data);
        data[200] ^= 0x10;
        Assert.NotEqual(clean, Crc32C.Compute(data));
    }
}
