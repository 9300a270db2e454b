namespace LiveProfile.Storage.Log;

/// <summary>A segment file on disk: the LSN of its first record and its full path.</summary>
internal sealed record SegmentInfo(long FirstLsn, string Path)
{
    public string Name => System.IO.Path.GetFileName(Path);
}
