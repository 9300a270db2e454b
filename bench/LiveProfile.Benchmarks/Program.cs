using BenchmarkDotNet.Running;
using LiveProfile.Benchmarks;

// `memory [N]`: memory per profile and throughput at N profiles; anything else goes to BenchmarkDotNet.
if (args.Length > 0 && args[0] == "memory")
{
    var profiles = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 1_000_000;
    return await MemoryPerProfile.RunAsync(profiles);
}
if (args.Length > 0 && args[0] == "tagcost") { TagCost.Run(); return 0; }
// `segments [N]`: a 4-term segment count over N synthetic profiles, engine bitmaps vs DuckDB; `rooms`: room composition.
if (args.Length > 0 && args[0] == "segments") return SegmentCount.Run(args[1..]);
if (args.Length > 0 && args[0] == "rooms") return RoomComposition.Run(args[1..]);
// `matching [people]`: identity-match candidates for one new viewer against about two thirds of N people's shop accounts.
if (args.Length > 0 && args[0] == "matching") return MatchingSpeed.Run(args[1..]);
// `merges [users]`: an identity merge of two profiles with history through the engine, against ordinary events.
if (args.Length > 0 && args[0] == "merges") return MergeCost.Run(args[1..]);
// `ranking [users]`: in-live ranking of a 200-product line-up for one viewer, in process.
if (args.Length > 0 && args[0] == "ranking") return RankingSpeed.Run(args[1..]);
// `invitations [users]`: pre-live invitations for a scheduled session over N profiles with the default taxonomy.
if (args.Length > 0 && args[0] == "invitations") return InvitationSpeed.Run(args[1..]);
// `populate --server URL --users N [--tail M]`: N profiles (or a log tail) through a running server's HTTP ingest (bench/restart.sh).
if (args.Length > 1 && args[0] == "checkpoint-load") return LiveProfile.Benchmarks.CheckpointLoad.Run(args[1..]);
if (args.Length > 0 && args[0] == "populate") return await LiveProfile.Benchmarks.Populate.RunAsync(args[1..]);
BenchmarkSwitcher.FromAssembly(typeof(ApplyBenchmarks).Assembly).Run(args);
return 0;
