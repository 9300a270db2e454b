using System.Globalization;

namespace LiveProfile.Peers;

/// <summary>Sizes of a run: <c>--users</c>, <c>--history</c> (events before the measured day, not timed), <c>--events</c> (measured), <c>--port</c>.</summary>
internal sealed record PeerSettings(int Users, int History, int Events, int Port)
{
    public static PeerSettings Parse(ReadOnlySpan<string> args)
    {
        var settings = new PeerSettings(1_000_000, 1_000_000, 2_000_000, 6379);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            var value = int.Parse(args[i + 1], CultureInfo.InvariantCulture);
            settings = args[i] switch
            {
                "--users" => settings with { Users = value },
                "--history" => settings with { History = value },
                "--events" => settings with { Events = value },
                "--port" => settings with { Port = value },
                _ => throw new ArgumentException($"unknown option {args[i]}"),
            };
        }
        return settings;
    }
}
