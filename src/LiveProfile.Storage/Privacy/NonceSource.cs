using System.Buffers.Binary;
using System.Security.Cryptography;

namespace LiveProfile.Storage.Privacy;

/// <summary>
/// 96-bit GCM nonces without a system call per seal: a random 64-bit prefix per thread and a 32-bit
/// counter (NIST SP 800-38D's deterministic construction); a fresh random prefix before the
/// counter wraps. Two threads or two runs collide only if their random prefixes do (2⁻⁶⁴).
/// </summary>
internal static class NonceSource
{
    [ThreadStatic]
    private static ulong t_prefix;

    [ThreadStatic]
    private static uint t_counter;

    public static void Next(Span<byte> nonce)
    {
        if (t_counter == 0)
        {
            Span<byte> fresh = stackalloc byte[8];
            RandomNumberGenerator.Fill(fresh);
            t_prefix = BinaryPrimitives.ReadUInt64LittleEndian(fresh);
        }
        BinaryPrimitives.WriteUInt64LittleEndian(nonce, t_prefix);
        BinaryPrimitives.WriteUInt32LittleEndian(nonce[8..], t_counter);
        t_counter++; // wraps to 0 after 2³² seals: the next seal draws a new prefix
    }
}
