using Spectre.Console;

namespace LiveProfile.Cli;

/// <summary>The console the client commands write to.</summary>
internal static class Terminal
{
    /// <summary>
    /// Spectre's console, but when output goes to a file or pipe it gets a wide virtual width: the
    /// default 80 columns would wrap summary lines in logs.
    /// </summary>
    public static IAnsiConsole Create()
    {
        var console = AnsiConsole.Console;
        if (Console.IsOutputRedirected) console.Profile.Width = 160;
        return console;
    }
}
