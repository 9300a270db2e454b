namespace LiveProfile.Storage.Log;

/// <summary>The LSNs of one segment that a replay reads: <see cref="FirstLsn"/> to <see cref="LastLsn"/> inclusive.</summary>
internal readonly record struct SegmentRange(string Path, long FirstLsn, long LastLsn);
