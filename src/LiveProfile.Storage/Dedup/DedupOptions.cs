namespace LiveProfile.Storage.Dedup;

/// <summary>Options of <see cref="DedupIndex"/>.</summary>
public sealed class DedupOptions
{
    /// <summary>How long an event id is remembered (spec: the same (tenant, id) is applied once). Default 7 days.</summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Granularity of expiry: ids are kept in buckets of this width and dropped a whole bucket at a time. Default 1 day.</summary>
    public TimeSpan BucketWidth { get; set; } = TimeSpan.FromDays(1);

    /// <exception cref="ArgumentOutOfRangeException">A non-positive width or window, or a window shorter than one bucket.</exception>
    public void Validate()
    {
        if (BucketWidth.Ticks <= 0 || BucketWidth.TotalMilliseconds < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(BucketWidth), BucketWidth, "The bucket width must be at least 1 ms.");
        }

        if (Window < BucketWidth)
        {
            throw new ArgumentOutOfRangeException(nameof(Window), Window, "The window must be at least one bucket wide.");
        }
    }
}
