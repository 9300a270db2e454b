using System.Buffers.Binary;
using System.Numerics;

namespace LiveProfile.Storage.Log;

/// <summary>
/// CRC-32C (Castagnoli), the checksum of ext4, iSCSI, RocksDB and Kafka record batches. It runs on
/// <see cref="BitOperations.Crc32C(uint, ulong)"/>, which the JIT lowers to the SSE4.2 / ARMv8 CRC
/// instruction (8 bytes per instruction) and falls back to a table elsewhere.
/// </summary>
internal static class Crc32C
{
    /// <summary>The running state to start from; finish with <see cref="Finish"/>.</summary>
    public const uint Seed = 0xFFFF_FFFFu;

    public static uint Compute(ReadOnlySpan<byte> data) => Finish(Update(Seed, data));

    public static uint Finish(uint state) => ~state;

    public static uint Update(uint state, ReadOnlySpan<byte> data)
    {
        while (data.Length >= 32)
        {
            state = BitOperations.Crc32C(state, BinaryPrimitives.ReadUInt64LittleEndian(data));
            state = BitOperations.Crc32C(state, BinaryPrimitives.ReadUInt64LittleEndian(data[8..]));
            state = BitOperations.Crc32C(state, BinaryPrimitives.ReadUInt64LittleEndian(data[16..]));
            state = BitOperations.Crc32C(state, BinaryPrimitives.ReadUInt64LittleEndian(data[24..]));
            data = data[32..];
        }

        while (data.Length >= 8)
        {
            state = BitOperations.Crc32C(state, BinaryPrimitives.ReadUInt64LittleEndian(data));
            data = data[8..];
        }

        if (data.Length >= 4)
        {
            state = BitOperations.Crc32C(state, BinaryPrimitives.ReadUInt32LittleEndian(data));
            data = data[4..];
        }

        foreach (byte b in data)
        {
            state = BitOperations.Crc32C(state, b);
        }

        return state;
    }
}
