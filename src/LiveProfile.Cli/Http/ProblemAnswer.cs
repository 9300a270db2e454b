namespace LiveProfile.Cli.Http;

/// <summary>The parts of an RFC 9457 answer the CLI shows: the stable <c>code</c> extension and the detail.</summary>
internal sealed record ProblemAnswer(string? Code, string? Title, string? Detail)
{
    public string Describe(int status) => (Code ?? Title ?? "error") + (Detail is null ? "" : ": " + Detail) + $" (HTTP {status})";
}
