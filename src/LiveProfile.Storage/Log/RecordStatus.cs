namespace LiveProfile.Storage.Log;

/// <summary>What <see cref="SegmentReader.Next"/> found at the current offset.</summary>
internal enum RecordStatus
{
    Ok,

    /// <summary>Clean end: the offset is exactly the end of the file.</summary>
    End,

    /// <summary>Fewer than 16 bytes left.</summary>
    TruncatedHeader,

    /// <summary>The length field points past the end of the file.</summary>
    TruncatedPayload,

    /// <summary>The length field is 0 or above the maximum.</summary>
    BadLength,

    /// <summary>The CRC does not match the LSN and payload.</summary>
    BadChecksum,

    /// <summary>An intact record with an unexpected LSN.</summary>
    BadLsn,
}
