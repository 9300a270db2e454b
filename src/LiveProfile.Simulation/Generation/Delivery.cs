namespace LiveProfile.Simulation.Generation;

/// <summary>An event on its way to the server: when a real-time sender should send it, and whether it is a repeat.</summary>
internal readonly record struct Delivery(SimEvent Event, long DueMs, bool Duplicate);
