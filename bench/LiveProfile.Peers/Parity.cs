namespace LiveProfile.Peers;

/// <summary>How many sampled profiles a peer holds exactly as the engine does; the first difference found.</summary>
internal sealed record Parity(int Checked, int Matching, string? FirstDifference)
{
    public override string ToString() =>
        FirstDifference is null ? $"{Matching}/{Checked} sampled profiles equal the engine's" : $"{Matching}/{Checked} sampled profiles equal the engine's; first difference: {FirstDifference}";
}
