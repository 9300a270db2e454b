using System.Text;

namespace LiveProfile.Storage.Tests.Privacy;

/// <summary>Byte-level search helpers for "is this secret anywhere in here" assertions.</summary>
internal static class Bytes
{
    public static bool Contains(byte[] haystack, ReadOnlySpan<byte> needle) => haystack.AsSpan().IndexOf(needle) >= 0;

    /// <summary>Whether <paramref name="text"/> occurs in UTF-8 or UTF-16 (LE) form.</summary>
    public static bool ContainsText(byte[] haystack, string text) =>
        Contains(haystack, Encoding.UTF8.GetBytes(text)) || Contains(haystack, Encoding.Unicode.GetBytes(text));

    public static void FlipByte(string path, long offset)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.None);
        stream.Position = offset;
        var b = stream.ReadByte();
        stream.Position = offset;
        stream.WriteByte((byte)(b ^ 0x5A));
    }

    public static void Append(string path, ReadOnlySpan<byte> bytes)
    {
        using var stream = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.None);
        stream.Write(bytes);
    }
}
