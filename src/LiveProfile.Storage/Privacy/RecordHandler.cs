namespace LiveProfile.Storage.Privacy;

/// <summary>Receives one verified record while a <see cref="RecordFile"/> is opened.</summary>
internal delegate void RecordHandler(byte type, ReadOnlySpan<byte> payload, long offset);
