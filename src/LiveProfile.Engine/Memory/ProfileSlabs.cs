using LiveProfile.Engine.Features;

namespace LiveProfile.Engine.Memory;

/// <summary>The slabs holding one partition's profile arrays.</summary>
public sealed class ProfileSlabs
{
    public Slab<AffinityEntry> Affinities { get; } = new();
    public Slab<WindowEntry> Windows { get; } = new();
    public Slab<SessionAttendance> Attendance { get; } = new();
}
