namespace LiveProfile.Peers;

internal static class Heap
{
    /// <summary>A full, compacting collection; returns the managed heap in use.</summary>
    public static long Collect()
    {
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        return GC.GetTotalMemory(forceFullCollection: true);
    }
}
