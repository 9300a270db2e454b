using System.CommandLine;
using LiveProfile.Cli.Reference;

namespace LiveProfile.Cli.Commands;

/// <summary>
/// <c>liveprofile cdnow FILE</c>: the CDNOW purchase records as <c>shop.order</c> NDJSON events (to pipe into
/// <c>liveprofile ingest -</c>), the reference data of the customer-value models.
/// </summary>
internal static class CdnowCommand
{
    public static Command Create()
    {
        var input = new Argument<string>("FILE") { Description = "CDNOW_master.txt or CDNOW_sample.txt (tests/data/cdnow)" };
        var output = new Option<string?>("--out") { Description = "Write the events to this file (default: standard output)", HelpName = "FILE" };
        var command = new Command("cdnow", "Convert CDNOW purchase records into shop.order events")
        {
            input, output,
        };
        command.SetAction(async (r, ct) =>
        {
            try
            {
                using var reader = new StreamReader(r.GetValue(input)!);
                await using var writer = r.GetValue(output) is { } path ? new StreamWriter(path) : new StreamWriter(Console.OpenStandardOutput());
                var count = 0;
                foreach (var line in CdnowOrders.ToEvents(reader))
                {
                    await writer.WriteLineAsync(line.AsMemory(), ct).ConfigureAwait(false);
                    count++;
                }
                await Console.Error.WriteLineAsync($"cdnow: {count:N0} orders").ConfigureAwait(false);
                return 0;
            }
            catch (Exception ex) when (ex is FormatException or IOException or UnauthorizedAccessException)
            {
                await Console.Error.WriteLineAsync($"cdnow: {ex.Message}").ConfigureAwait(false);
                return 1;
            }
        });
        return command;
    }
}
