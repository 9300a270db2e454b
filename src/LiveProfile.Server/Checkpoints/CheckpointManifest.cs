namespace LiveProfile.Server.Checkpoints;

/// <summary>The last complete checkpoint: every partition file and the router file were written at <see cref="Lsn"/>.</summary>
internal sealed record CheckpointManifest(long Lsn, int Partitions, long CreatedMs);
