using System.Runtime.InteropServices;

namespace LiveProfile.Engine.Features;

/// <summary>One day's count of one measure (<see cref="FeatureKeys"/>); windows of 7/30/180 days sum these.</summary>
[StructLayout(LayoutKind.Sequential, Pack = 4)]
public struct WindowEntry
{
    public int Day;
    public ushort Key;
    public uint Count;

    public WindowEntry(int day, ushort key, uint count)
    {
        Day = day;
        Key = key;
        Count = count;
    }
}
