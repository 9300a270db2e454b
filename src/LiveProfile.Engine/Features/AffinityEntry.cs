using System.Runtime.InteropServices;

namespace LiveProfile.Engine.Features;

/// <summary>A decayed affinity: the key's score at the profile's decay anchor.</summary>
[StructLayout(LayoutKind.Sequential, Pack = 4)]
public struct AffinityEntry
{
    public int Key;
    public double Value;

    public AffinityEntry(int key, double value)
    {
        Key = key;
        Value = value;
    }
}
