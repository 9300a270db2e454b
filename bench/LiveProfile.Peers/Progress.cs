namespace LiveProfile.Peers;

/// <summary>Progress lines, timestamped from the start of the run, so a long run shows where it is.</summary>
internal static class Progress
{
    private static readonly System.Diagnostics.Stopwatch Clock = System.Diagnostics.Stopwatch.StartNew();

    public static void Line(string text) => Console.WriteLine($"[{Clock.Elapsed.TotalSeconds,6:F1} s] {text}");
}
