using System.Text;
using CsCheck;
using LiveProfile.Engine.Contract;

namespace LiveProfile.Engine.Tests.Contract;

public sealed class EventParserPropertyTests
{
    private static readonly EventParser Parser = new(new IngestLimits { MaxEventBytes = 2048, MaxDepth = 6, MaxStringChars = 64, MaxCommentChars = 16 });
    private static readonly byte[][] Valid = BuildValid();
    private static readonly byte[] Interesting = Encoding.UTF8.GetBytes("{}[]\",:\\ \n\r0-1.eE+tfnu\"\\");

    private static byte[][] BuildValid()
    {
        var list = new List<byte[]>();
        foreach (var json in Samples.ByType.Values) list.Add(Encoding.UTF8.GetBytes(json));
        return [.. list];
    }

    /// <summary>Parses in both formats; only whole-request rejections may escape, and the batch stays consistent.</summary>
    private static void ParseBoth(byte[] body)
    {
        foreach (var format in new[] { BodyFormat.Ndjson, BodyFormat.JsonArray })
        {
            try
            {
                var batch = Parser.Parse(body, format, Samples.Tenant, Samples.ReceivedMs);
                Assert.Equal(batch.Accepted.Count, batch.AcceptedLines.Count);
                foreach (var r in batch.Rejected)
                {
                    Assert.Contains(r.Code, RejectionCode.All);
                    Assert.True(r.Line >= 1);
                    Assert.False(string.IsNullOrEmpty(r.Message));
                }
            }
            catch (RequestRejectedException ex)
            {
                Assert.Contains(ex.Code, RequestRejectionCode.All);
            }
        }
    }

    [Fact]
    public void Parse_RandomBytes_NeverThrowsUnexpected()
    {
        Gen.Byte.Array[0, 400].Sample(ParseBoth, iter: 20_000, threads: 1);
    }

    [Fact]
    public void Parse_RandomJsonishBytes_NeverThrowsUnexpected()
    {
        Gen.OneOf(Interesting).Array[0, 200].Sample(ParseBoth, iter: 20_000, threads: 1);
    }

    [Fact]
    public void Parse_MutatedValidEvents_NeverThrowsUnexpected()
    {
        var mutation = Gen.Select(Gen.Int[0, 2], Gen.Int[0, int.MaxValue], Gen.OneOf(Gen.Byte, Gen.OneOf(Interesting)));
        Gen.Select(Gen.Int[0, Valid.Length - 1], mutation.Array[1, 6], Gen.Bool)
            .Sample((index, mutations, asArray) =>
            {
                var bytes = new List<byte>(Valid[index]);
                foreach (var (op, at, b) in mutations)
                {
                    int pos = at % (bytes.Count + 1);
                    switch (op)
                    {
                        case 0 when pos < bytes.Count: bytes[pos] = b; break;
                        case 1: bytes.Insert(pos, b); break;
                        case 2 when pos < bytes.Count: bytes.RemoveAt(pos); break;
                    }
                }

                var body = bytes.ToArray();
                ParseBoth(asArray ? [(byte)'[', .. body, (byte)',', .. Valid[0], (byte)']'] : body);
            }, iter: 20_000, threads: 1);
    }

    [Fact]
    public void Parse_ValidEventsAnyFieldOrder_AlwaysAccepted()
    {
        // Reordering the top-level fields of a valid event never changes the verdict.
        var gen = Gen.Select(Gen.Int[0, Valid.Length - 1], Gen.Int.Array[10, 10]);
        var parser = new EventParser(IngestLimits.Default);
        gen.Sample((index, keys) =>
        {
            using var doc = System.Text.Json.JsonDocument.Parse(Valid[index]);
            var props = doc.RootElement.EnumerateObject().ToList();
            var order = Enumerable.Range(0, props.Count).OrderBy(i => keys[i]).ToList();
            var json = "{" + string.Join(",", order.Select(i => $"\"{props[i].Name}\":{props[i].Value.GetRawText()}")) + "}";
            var batch = parser.Parse(Encoding.UTF8.GetBytes(json), BodyFormat.Ndjson, Samples.Tenant, Samples.ReceivedMs);
            Assert.True(batch.Rejected.Count == 0, batch.Rejected.Count == 0 ? "" : batch.Rejected[0].Message);
        }, iter: 2_000, threads: 1);
    }
}
