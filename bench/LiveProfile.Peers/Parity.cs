namespace LiveProfile.Peers;

/// <summary>How many sampled profiles (or rooms) a peer holds exactly as the engine does; the first difference found.</summary>
internal sealed record Parity(int Checked, int Matching, string? FirstDifference, string What = "profiles")
{
    public override string ToString() =>
        FirstDifference is null ? $"{Matching}/{Checked} sampled {What} equal the engine's" : $"{Matching}/{Checked} sampled {What} equal the engine's; first difference: {FirstDifference}";
}
