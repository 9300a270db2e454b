using LiveProfile.Simulation;

namespace LiveProfile.Cli.Simulate;

/// <summary>Where <c>liveprofile simulate</c> sends its events and how fast.</summary>
internal sealed record SimulateSettings(
    SimulationOptions Simulation,
    string? OutFile,
    Uri? Server,
    string? ApiKey,
    string? TruthFile,
    bool RealTime,
    int Batch,
    int Concurrency);
