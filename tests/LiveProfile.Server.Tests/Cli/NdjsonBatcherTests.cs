using System.Text;
using LiveProfile.Cli.Ingest;

namespace LiveProfile.Server.Tests.Cli;

public sealed class NdjsonBatcherTests
{
    [Fact]
    public async Task NextAsync_EventCountReached_CutsAndKeepsBlankLinesForNumbering()
    {
        var batches = await ReadAllAsync("a1\n\nb2\nc3\n  \nd4\ne5", maxEvents: 2, maxBytes: 1000);

        Assert.Equal(3, batches.Count);
        Assert.Equal("a1\n\nb2\n", Text(batches[0]));
        Assert.Equal((1L, 3, 2), (batches[0].FirstLine, batches[0].Lines, batches[0].Events));
        Assert.Equal("c3\n  \nd4\n", Text(batches[1]));
        Assert.Equal((4L, 3, 2), (batches[1].FirstLine, batches[1].Lines, batches[1].Events));
        Assert.Equal("e5\n", Text(batches[2])); // the last line had no '\n'
        Assert.Equal(7, batches[2].FileLine(1));
        Assert.Equal(Encoding.UTF8.GetByteCount("a1\n\nb2\nc3\n  \nd4\ne5"), batches[2].EndOffset);
    }

    [Fact]
    public async Task NextAsync_ByteLimitReached_Cuts()
    {
        var batches = await ReadAllAsync("aaaa\nbbbb\ncccc\n", maxEvents: 100, maxBytes: 10);

        Assert.Equal(["aaaa\nbbbb\n", "cccc\n"], batches.Select(Text));
    }

    [Fact]
    public async Task NextAsync_LeadingByteOrderMark_DroppedLineKept()
    {
        var input = new byte[] { 0xEF, 0xBB, 0xBF }.Concat("{\"id\":\"x\"}\r\n"u8.ToArray()).ToArray();

        var batches = await ReadAllAsync(input, maxEvents: 10, maxBytes: 100);

        Assert.Equal("{\"id\":\"x\"}\r\n", Text(Assert.Single(batches)));
        Assert.Equal(input.Length, batches[0].EndOffset);
    }

    [Fact]
    public async Task NextAsync_LineTooLongForAnyRequest_ReportedInPlaceNotSent()
    {
        var huge = new string('x', 50);
        var batches = await ReadAllAsync($"a\n{huge}\nb\n{huge}", maxEvents: 10, maxBytes: 20);

        Assert.Equal(["a\n", "", "b\n", ""], batches.Select(Text));
        Assert.Equal([null, 2L, null, 4L], batches.Select(b => b.OversizeLine));
        Assert.Equal(3, batches[2].FirstLine);
    }

    [Fact]
    public async Task NextAsync_OnlyBlankLines_NoEvents()
    {
        var batches = await ReadAllAsync("\n\n \n", maxEvents: 10, maxBytes: 100);

        Assert.Equal(0, batches.Sum(b => b.Events));
    }

    [Fact]
    public async Task NextAsync_RandomInputs_RoundTripWithExactLineNumbers()
    {
        var rng = new Random(1234);
        for (var round = 0; round < 300; round++)
        {
            var maxBytes = rng.Next(8, 200);
            var maxEvents = rng.Next(1, 12);
            var lines = Enumerable.Range(0, rng.Next(0, 60)).Select(_ => RandomLine(rng, maxBytes)).ToArray();
            var finalNewline = lines.Length > 0 && rng.Next(2) == 0;
            var input = string.Join('\n', lines) + (finalNewline ? "\n" : "");
            // Without a final '\n' an empty last line is no line at all.
            var seen = lines.Length > 0 && lines[^1].Length == 0 && !finalNewline ? lines.Length - 1 : lines.Length;

            var batches = await ReadAllAsync(Encoding.UTF8.GetBytes(input), maxEvents, maxBytes, chunk: rng.Next(1, 40));

            var expected = new List<(long Line, string Text)>();
            var tooLong = new List<long>();
            for (var i = 0; i < seen; i++)
            {
                if (Encoding.UTF8.GetByteCount(lines[i]) + 1 <= maxBytes) expected.Add((i + 1, lines[i]));
                else tooLong.Add(i + 1);
            }
            var got = new List<(long Line, string Text)>();
            foreach (var batch in batches)
            {
                Assert.True(batch.Payload.Length <= maxBytes, $"round {round}: {batch.Payload.Length} > {maxBytes}");
                Assert.True(batch.Events <= maxEvents);
                var payloadLines = Text(batch).Split('\n')[..^1];
                if (batch.OversizeLine is null) Assert.Equal(batch.Lines, payloadLines.Length);
                for (var j = 0; j < payloadLines.Length; j++) got.Add((batch.FileLine(j + 1), payloadLines[j]));
            }
            Assert.Equal(expected, got);
            Assert.Equal(tooLong, batches.Where(b => b.OversizeLine is not null).Select(b => b.OversizeLine!.Value));
            Assert.Equal(Encoding.UTF8.GetByteCount(input), batches.Count == 0 ? 0 : batches[^1].EndOffset);
        }
    }

    private static string RandomLine(Random rng, int maxBytes) => rng.Next(6) switch
    {
        0 => "",
        1 => " \t",
        2 => new string('z', maxBytes + rng.Next(0, 30)), // too long for any request
        3 => "{\"text\":\"已拍 😍\"}",
        _ => new string((char)('a' + rng.Next(26)), rng.Next(1, maxBytes)),
    };

    private static Task<List<NdjsonBatch>> ReadAllAsync(string input, int maxEvents, int maxBytes) =>
        ReadAllAsync(Encoding.UTF8.GetBytes(input), maxEvents, maxBytes);

    private static async Task<List<NdjsonBatch>> ReadAllAsync(byte[] input, int maxEvents, int maxBytes, int chunk = 3)
    {
        var batcher = new NdjsonBatcher(new TrickleStream(input, chunk), maxEvents, maxBytes);
        var batches = new List<NdjsonBatch>();
        while (await batcher.NextAsync(CancellationToken.None) is { } batch) batches.Add(batch);
        return batches;
    }

    private static string Text(NdjsonBatch batch) => Encoding.UTF8.GetString(batch.Payload.Span);
}
