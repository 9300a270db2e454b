using System.Text;
using LiveProfile.Engine.Contract;
using static LiveProfile.Engine.Tests.Contract.Samples;

namespace LiveProfile.Engine.Tests.Contract;

public sealed class EventParserBatchTests
{
    private static RequestRejectedException Rejects(string body, BodyFormat format, IngestLimits? limits = null) =>
        Assert.Throws<RequestRejectedException>(() => Parse(body, format, limits));

    private static RequestRejectedException Rejects(byte[] body, BodyFormat format) =>
        Assert.Throws<RequestRejectedException>(() => new EventParser(IngestLimits.Default).Parse(body, format, Tenant, ReceivedMs));

    [Fact]
    public void Parse_NdjsonWithBlankLinesAndCrlf_LinesCountedBlankSkipped()
    {
        var body = Comment("a") + "\r\n\r\n   \r\n" + Comment("b") + "\r\n\t\n" + Comment("c");

        var batch = Parse(body);

        Assert.Equal([1, 4, 6], batch.AcceptedLines);
        Assert.Equal(["a", "b", "c"], batch.Accepted.ConvertAll(e => e.Id));
        Assert.Empty(batch.Rejected);
    }

    [Fact]
    public void Parse_NdjsonTrailingNewlineAndBom_Accepted()
    {
        var body = "\uFEFF" + Comment("a") + "\n" + Comment("b") + "\n";

        var batch = Parse(body);

        Assert.Equal([1, 2], batch.AcceptedLines);
    }

    [Fact]
    public void Parse_MixedGoodAndBadLines_GoodKeptBadReportedWithLines()
    {
        var body = string.Join("\n",
            Comment("ok-1"),
            """{"id":"broken-2","type":""",
            "",
            Comment("ok-4"),
            J("""{"id":"bad-5","type":"live.comment","ts":"@TS",@V,"props":{}}"""),
            "42",
            Comment("ok-7"));

        var batch = Parse(body);

        Assert.Equal(["ok-1", "ok-4", "ok-7"], batch.Accepted.ConvertAll(e => e.Id));
        Assert.Equal([1, 4, 7], batch.AcceptedLines);
        Assert.Equal(
            [(2, RejectionCode.InvalidJson, "broken-2"), (5, RejectionCode.MissingField, "bad-5"), (6, RejectionCode.NotAnObject, null)],
            batch.Rejected.ConvertAll(r => (r.Line, r.Code, r.Id)));
        Assert.Equal("42", batch.Rejected[2].RawJson);
    }

    [Fact]
    public void Parse_JsonArray_ElementIndexIsLine()
    {
        var body = $"[{Comment("a")},\n  {{\"id\":\"b\"}},\n  7,\n  {Comment("d")}, [1] ]";

        var batch = Parse(body, BodyFormat.JsonArray);

        Assert.Equal(["a", "d"], batch.Accepted.ConvertAll(e => e.Id));
        Assert.Equal([1, 4], batch.AcceptedLines);
        Assert.Equal(
            [(2, RejectionCode.MissingField, "b", """{"id":"b"}"""), (3, RejectionCode.NotAnObject, null, "7"), (5, RejectionCode.NotAnObject, null, "[1]")],
            batch.Rejected.ConvertAll(r => (r.Line, r.Code, r.Id, r.RawJson)));
    }

    [Fact]
    public void Parse_EmptyJsonArray_NoEvents()
    {
        var batch = Parse(" [ ] ", BodyFormat.JsonArray);

        Assert.Empty(batch.Accepted);
        Assert.Empty(batch.Rejected);
    }

    [Fact]
    public void Parse_JsonArrayWithDeepAndLargeElements_RejectedPerElement()
    {
        var limits = new IngestLimits { MaxEventBytes = 400 };
        var deep = new string('[', 200) + new string(']', 200);
        var body = $"[{deep}, {Comment("ok")}, \"{new string('x', 500)}\"]";

        var batch = Parse(body, BodyFormat.JsonArray, limits);

        Assert.Equal([2], batch.AcceptedLines);
        Assert.Equal([(1, RejectionCode.TooDeep), (3, RejectionCode.EventTooLarge)], batch.Rejected.ConvertAll(r => (r.Line, r.Code)));
    }

    [Theory]
    [InlineData("{\"id\":\"a\"}")]
    [InlineData("[{\"id\":\"a\"},")]
    [InlineData("[{\"id\":\"a\"} {\"id\":\"b\"}]")]
    [InlineData("[{\"id\":\"a\",}]")]
    [InlineData("[1] [2]")]
    [InlineData("id=a&type=b")]
    public void Parse_JsonArrayBodyNotAnArray_MalformedBody400(string body)
    {
        var ex = Rejects(body, BodyFormat.JsonArray);

        Assert.Equal(400, ex.StatusCode);
        Assert.Equal(RequestRejectionCode.MalformedBody, ex.Code);
    }

    [Theory]
    [InlineData(BodyFormat.Ndjson)]
    [InlineData(BodyFormat.JsonArray)]
    public void Parse_EmptyOrBlankBody_MalformedBody400(BodyFormat format)
    {
        Assert.Equal(RequestRejectionCode.MalformedBody, Rejects("", format).Code);
        Assert.Equal(RequestRejectionCode.MalformedBody, Rejects(" \r\n\n", format).Code);
    }

    [Theory]
    [InlineData(BodyFormat.Ndjson)]
    [InlineData(BodyFormat.JsonArray)]
    public void Parse_BodyNotUtf8_MalformedBody400(BodyFormat format)
    {
        var body = Encoding.UTF8.GetBytes("[" + Comment("a") + "]");
        body[20] = 0xC3; // a lead byte without its continuation

        var ex = Rejects(body, format);

        Assert.Equal((400, RequestRejectionCode.MalformedBody), (ex.StatusCode, ex.Code));
        Assert.Contains("UTF-8", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(BodyFormat.Ndjson)]
    [InlineData(BodyFormat.JsonArray)]
    public void Parse_MoreEventsThanLimit_TooManyEvents413(BodyFormat format)
    {
        var limits = new IngestLimits { MaxEventsPerRequest = 2 };
        var three = format == BodyFormat.Ndjson
            ? $"{Comment("a")}\n{Comment("b")}\n{Comment("c")}"
            : $"[{Comment("a")},{Comment("b")},{Comment("c")}]";
        var two = format == BodyFormat.Ndjson ? $"{Comment("a")}\n\n\n{Comment("b")}\n" : $"[{Comment("a")},{Comment("b")}]";

        var ex = Rejects(three, format, limits);

        Assert.Equal((413, RequestRejectionCode.TooManyEvents), (ex.StatusCode, ex.Code));
        Assert.Equal(2, Parse(two, format, limits).Accepted.Count);
    }

    [Theory]
    [InlineData(BodyFormat.Ndjson)]
    [InlineData(BodyFormat.JsonArray)]
    public void Parse_BodyOverLimit_RequestTooLarge413(BodyFormat format)
    {
        var limits = new IngestLimits { MaxRequestBytes = 100 };

        var ex = Rejects("[" + Comment("a") + "]", format, limits);

        Assert.Equal((413, RequestRejectionCode.RequestTooLarge), (ex.StatusCode, ex.Code));
    }

    [Fact]
    public void Parse_DefaultLimitsFullBody_AllAccepted()
    {
        var sb = new StringBuilder();
        for (int i = 0; i < 10_000; i++) sb.Append(Comment($"e{i}")).Append('\n');

        var batch = Parse(sb.ToString());

        Assert.Equal(10_000, batch.Accepted.Count);
        Assert.Equal(10_000, batch.AcceptedLines[^1]);
    }

    [Fact]
    public void RequestRejectionCode_All_ListsTheThreeCodes()
    {
        Assert.Equal(["malformed_body", "too_many_events", "request_too_large"], RequestRejectionCode.All);
    }

    [Fact]
    public void Parse_SameParserConcurrently_IndependentResults()
    {
        var parser = new EventParser(IngestLimits.Default);
        var body = Encoding.UTF8.GetBytes(string.Join("\n", Comment("a"), "{", Comment("c")));

        Parallel.For(0, 64, _ =>
        {
            var batch = parser.Parse(body, BodyFormat.Ndjson, Tenant, ReceivedMs);
            Assert.Equal([1, 3], batch.AcceptedLines);
            Assert.Equal(2, Assert.Single(batch.Rejected).Line);
        });
    }
}
