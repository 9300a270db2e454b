using LiveProfile.Engine.Partitioning;

namespace LiveProfile.Peers;

/// <summary>One engine measurement: events/s, cores it kept busy and what other processes took, managed heap per profile.</summary>
/// <param name="Host">The engine's partitions, kept to check the peers' profiles against.</param>
internal sealed record EngineResult(string Name, double EventsPerSecond, double Cores, double OtherCores, int Profiles, double HeapPerProfile, LocalPartitionHost Host);
