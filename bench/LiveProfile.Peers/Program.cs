using LiveProfile.Peers;

// `redis --port N [sizes]` or `orleans [sizes]`: the engine and one peer on the same stream, in one run.
// `engine [sizes]`: the engine alone, without tags (to profile its feature path).
if (args.Length == 0 || args[0] is not ("redis" or "orleans" or "engine"))
{
    Console.Error.WriteLine("usage: LiveProfile.Peers redis|orleans|engine [--users N] [--history N] [--events N] [--port N]");
    return 2;
}
var settings = PeerSettings.Parse(args.AsSpan(1));
return args[0] switch
{
    "redis" => await LiveProfile.Peers.Redis.RedisPeer.RunAsync(settings),
    "orleans" => await LiveProfile.Peers.Orleans.OrleansPeer.RunAsync(settings),
    _ => EngineAlone(settings),
};

static int EngineAlone(PeerSettings settings)
{
    var stream = PeerStream.Build(settings);
    EngineRun.Best(stream, tags: false);
    return 0;
}
