using System.Security.Cryptography;

namespace LiveProfile.Storage.Privacy;

/// <summary>AES-256-GCM boxes: <c>nonce (12, random) ‖ ciphertext ‖ tag (16)</c>.</summary>
internal static class AeadBox
{
    public const int NonceSize = 12;
    public const int TagSize = 16;
    public const int Overhead = NonceSize + TagSize;

    public static byte[] Seal(AesGcm aes, ReadOnlySpan<byte> plaintext, ReadOnlySpan<byte> associatedData)
    {
        var box = new byte[plaintext.Length + Overhead];
        Seal(aes, plaintext, associatedData, box);
        return box;
    }

    /// <summary>Seals into <paramref name="destination"/>, exactly <c>plaintext.Length + 28</c> bytes.</summary>
    public static void Seal(AesGcm aes, ReadOnlySpan<byte> plaintext, ReadOnlySpan<byte> associatedData, Span<byte> destination)
    {
        var nonce = destination[..NonceSize];
        NonceSource.Next(nonce);
        aes.Encrypt(
            nonce,
            plaintext,
            destination.Slice(NonceSize, plaintext.Length),
            destination.Slice(NonceSize + plaintext.Length, TagSize),
            associatedData);
    }

    /// <summary>Opens a box into <paramref name="plaintext"/>, exactly <c>box.Length − 28</c> bytes.</summary>
    /// <exception cref="CryptographicException">Too short, tampered, wrong key or wrong associated data.</exception>
    public static void Open(AesGcm aes, ReadOnlySpan<byte> box, ReadOnlySpan<byte> associatedData, Span<byte> plaintext)
    {
        if (box.Length < Overhead || plaintext.Length != box.Length - Overhead)
        {
            throw new CryptographicException($"A sealed box is at least {Overhead} bytes; this one has {box.Length}.");
        }

        var length = box.Length - Overhead;
        aes.Decrypt(
            box[..NonceSize],
            box.Slice(NonceSize, length),
            box.Slice(NonceSize + length, TagSize),
            plaintext,
            associatedData);
    }
}
