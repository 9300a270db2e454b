namespace LiveProfile.Simulation.Truth;

/// <summary>One line of the ground-truth file: a person, how to find them, their latent traits, and the tags they should carry.</summary>
/// <remarks><see cref="Facts"/>: the values behind the tags that depend on shares and counts, in the tag language's notation.</remarks>
internal sealed record TruthRecord(string Person, string? Account, string Viewer, bool Unlinked, string[] Traits, List<string> Tags,
    IReadOnlyDictionary<string, double> Facts);
