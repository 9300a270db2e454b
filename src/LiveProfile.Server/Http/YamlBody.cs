using System.Buffers;
using System.Text;

namespace LiveProfile.Server.Http;

/// <summary>Reads a YAML request body (a taxonomy): bounded, UTF-8, one of the YAML or plain-text media types.</summary>
internal static class YamlBody
{
    public static readonly string[] MediaTypes = ["application/yaml", "text/yaml", "application/x-yaml", "text/plain"];
    private static readonly UTF8Encoding Strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static bool IsYaml(string? mediaType) => mediaType is not null && MediaTypes.Contains(mediaType, StringComparer.OrdinalIgnoreCase);

    /// <summary>The body as text, or the problem to answer (415, 413 <paramref name="tooLargeCode"/>, 400).</summary>
    public static async Task<(string? Text, IResult? Problem)> ReadAsync(HttpRequest request, int limit, string tooLargeCode, CancellationToken ct)
    {
        if (!IsYaml(request.ContentType?.Split(';')[0].Trim()))
        {
            return (null, Problems.Of(415, "unsupported_media_type", $"send the YAML text as one of {string.Join(", ", MediaTypes)}"));
        }
        var tooLarge = Problems.Of(413, tooLargeCode, $"a taxonomy is at most {limit} bytes");
        if (request.ContentLength > limit) return (null, tooLarge);
        var buffer = ArrayPool<byte>.Shared.Rent(checked((int)Math.Clamp(request.ContentLength ?? 64 * 1024, 4096, limit + 1L)));
        try
        {
            var length = 0;
            while (true)
            {
                if (length == buffer.Length)
                {
                    var bigger = ArrayPool<byte>.Shared.Rent(Math.Min(limit + 1, buffer.Length * 2));
                    buffer.AsSpan(0, length).CopyTo(bigger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = bigger;
                }
                var read = await request.Body.ReadAsync(buffer.AsMemory(length, Math.Min(buffer.Length, limit + 1) - length), ct).ConfigureAwait(false);
                if (read == 0) break;
                length += read;
                if (length > limit) return (null, tooLarge);
            }
            var bytes = buffer.AsSpan(0, length);
            if (bytes.StartsWith(Encoding.UTF8.Preamble)) bytes = bytes[Encoding.UTF8.Preamble.Length..];
            try
            {
                return (Strict.GetString(bytes), null);
            }
            catch (DecoderFallbackException)
            {
                return (null, Problems.Of(400, "invalid_encoding", "the taxonomy must be UTF-8 text"));
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
