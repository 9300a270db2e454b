using LiveProfile.Peers;

// `redis --port N [sizes]` or `orleans [sizes]`: the engine and one peer on the same stream, in one run.
if (args.Length == 0 || args[0] is not ("redis" or "orleans"))
{
    Console.Error.WriteLine("usage: LiveProfile.Peers redis|orleans [--users N] [--history N] [--events N] [--port N]");
    return 2;
}
var settings = PeerSettings.Parse(args.AsSpan(1));
return args[0] == "redis"
    ? await LiveProfile.Peers.Redis.RedisPeer.RunAsync(settings)
    : await LiveProfile.Peers.Orleans.OrleansPeer.RunAsync(settings);
