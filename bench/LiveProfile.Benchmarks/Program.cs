using BenchmarkDotNet.Running;
using LiveProfile.Benchmarks;

// `memory [N]`: memory per profile and throughput at N profiles; anything else goes to BenchmarkDotNet.
if (args.Length > 0 && args[0] == "memory")
{
    var profiles = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 1_000_000;
    return await MemoryPerProfile.RunAsync(profiles);
}
if (args.Length > 0 && args[0] == "tagcost") { TagCost.Run(); return 0; }
BenchmarkSwitcher.FromAssembly(typeof(ApplyBenchmarks).Assembly).Run(args);
return 0;
