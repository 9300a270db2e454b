using System.Diagnostics;
using System.Globalization;

namespace LiveProfile.Peers;

/// <summary>
/// Wall time, this process's CPU and the whole machine's busy CPU (Linux <c>/proc/stat</c>) over a
/// measurement: the machine is shared, so each figure says how much CPU other processes took meanwhile.
/// </summary>
internal sealed class CpuMeter
{
    private readonly Stopwatch _watch = Stopwatch.StartNew();
    private readonly TimeSpan _process = Process.GetCurrentProcess().TotalProcessorTime;
    private readonly double _machine = MachineBusySeconds();
    private readonly TimeSpan _gcPause = GC.GetTotalPauseDuration();
    private readonly long _allocated = GC.GetTotalAllocatedBytes();
    private readonly int[] _collections = [GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2)];

    public TimeSpan Elapsed => _watch.Elapsed;

    /// <summary>Cores this process kept busy on average.</summary>
    public double ProcessCores => (Process.GetCurrentProcess().TotalProcessorTime - _process) / _watch.Elapsed;

    /// <summary>Cores the whole machine kept busy on average (NaN where /proc/stat is missing).</summary>
    public double MachineCores => (MachineBusySeconds() - _machine) / _watch.Elapsed.TotalSeconds;

    /// <summary>Garbage collections meanwhile (gen0/gen1/gen2, each counted once at its highest generation), pause time and bytes allocated.</summary>
    public string Gc =>
        $"GC {GC.CollectionCount(0) - _collections[0]}/{GC.CollectionCount(1) - _collections[1]}/{GC.CollectionCount(2) - _collections[2]} (gen0/1/2), " +
        $"paused {(GC.GetTotalPauseDuration() - _gcPause).TotalSeconds:F2} s, allocated {(GC.GetTotalAllocatedBytes() - _allocated) / 1048576.0:N0} MiB";

    private static double MachineBusySeconds()
    {
        if (!File.Exists("/proc/stat")) return double.NaN;
        // "cpu  user nice system idle iowait irq softirq steal ..." in clock ticks (USER_HZ, 100 on Linux).
        var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        long Tick(int i) => long.Parse(fields[i], CultureInfo.InvariantCulture);
        return (Tick(1) + Tick(2) + Tick(3) + Tick(6) + Tick(7) + Tick(8)) / 100.0;
    }
}
