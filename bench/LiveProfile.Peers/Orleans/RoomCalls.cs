namespace LiveProfile.Peers.Orleans;

/// <summary>How many calls user grains made to room grains (shared by every user grain of a silo).</summary>
internal sealed class RoomCalls
{
    private long _count;

    public long Count => Interlocked.Read(ref _count);

    public void Add() => Interlocked.Increment(ref _count);
}
