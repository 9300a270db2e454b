namespace LiveProfile.Storage.Quarantine;

/// <summary>Record types of <c>quarantine.log</c>. Persisted: append only, never renumber.</summary>
internal enum QuarantineRecordType : byte
{
    /// <summary>
    /// i64 seq ‖ str16 tenant ‖ i64 receivedMs ‖ i32 line ‖ str16 code ‖ sealed box of (flag ‖ event id,
    /// message, raw JSON) under the tenant's quarantine key, associated data "quarantine" ‖ 0 ‖ tenant ‖ 0 ‖ seq.
    /// </summary>
    Entry = 1,

    /// <summary>str16 tenant ‖ u32 count ‖ i64 seq × count: these entries were replayed.</summary>
    Replayed = 2,
}
