namespace LiveProfile.Simulation.Truth;

/// <summary>One line of the ground-truth file: a person, how to find them, their latent traits, and the tags they should carry.</summary>
internal sealed record TruthRecord(string Person, string? Account, string Viewer, bool Unlinked, string[] Traits, List<string> Tags);
