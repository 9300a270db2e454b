using LiveProfile.Engine.Contract;
using LiveProfile.Engine.Features;
using LiveProfile.Engine.Time;

namespace LiveProfile.Engine.Partitioning;

/// <summary>
/// One partition: the profiles whose canonical id hashes here, and a copy of the world. Single
/// writer: its host (an Orleans grain, or a benchmark loop) calls it from one thread at a time.
/// Partial files: event handlers, live visits, persistence, merge.
/// </summary>
public sealed partial class PartitionEngine
{
    private readonly Dictionary<ulong, Profile> _profiles = [];
    private readonly Stack<int> _freeOrdinals = new();
    private int _nextOrdinal;
    private Profile?[] _batchProfiles = [];

    /// <param name="tags">The taxonomy and change sink shared by the engine's partitions; null: the default taxonomy, no sink.</param>
    public PartitionEngine(int partitionId, EngineOptions options, Tags.TagRuntime? tags = null)
    {
        options.Validate();
        PartitionId = partitionId;
        Options = options;
        _tagRuntime = tags ?? new Tags.TagRuntime(options.Partitions);
        _taxonomy = _tagRuntime.Current;
        _appliedTaxonomyVersion = _taxonomy.Version;
        World = new World(new Interner(), new Interner()) { UtcOffsetMinutes = options.LocalUtcOffsetMinutes };
        InitTags();
        InitLiveState();
        RebuildAudiences();
        _tagRuntime.ReportBackfill(partitionId, _taxonomy.Version, 0, 0); // nothing to backfill yet
    }

    public int PartitionId { get; }
    public EngineOptions Options { get; }
    public World World { get; private set; }

    /// <summary>The last log position applied; commands at or below it are skipped on replay.</summary>
    public long AppliedLsn { get; private set; }

    /// <summary>The event-time clock: the newest event time seen by the whole engine (passed in with each batch).</summary>
    public long WatermarkMs { get; private set; } = long.MinValue;

    public int ProfileCount => _profiles.Count;

    /// <summary>Which profiles carry each tag, by ordinal (segments, room composition).</summary>
    public Segments.TagBitmaps Bitmaps { get; } = new();

    /// <summary>Where this partition's profile arrays live.</summary>
    public Memory.ProfileSlabs Slabs { get; } = new();

    public Profile? Find(ulong profileId) => _profiles.GetValueOrDefault(profileId);

    public IEnumerable<Profile> Profiles => _profiles.Values;

    /// <summary>Applies commands in log order; commands already applied (replay after a checkpoint) are skipped.</summary>
    public void Apply(IReadOnlyList<PartitionCommand> batch, long watermarkMs)
    {
        // Every profile is looked up first: those lookups do not depend on each other, so the processor overlaps their
        // cache misses, which it cannot do while each waits between one event's updates and the next.
        if (_batchProfiles.Length < batch.Count) _batchProfiles = new Profile?[Math.Max(batch.Count, _batchProfiles.Length * 2)];
        for (var i = 0; i < batch.Count; i++)
        {
            var command = batch[i];
            if (command.Lsn > AppliedLsn && !command.IsBroadcast) _batchProfiles[i] = GetOrCreate(command.Profile);
        }
        for (var i = 0; i < batch.Count; i++)
        {
            var command = batch[i];
            if (command.Lsn <= AppliedLsn) continue;
            if (command.IsBroadcast)
            {
                World.Apply(command.Event);
                if (command.Event.Type == EventType.LiveProductOnScreen) ProductShown(command.Event);
            }
            else
            {
                var profile = _batchProfiles[i]!;
                ApplyToProfile(profile, command.Event);
                MarkDirty(profile, command.Event.Type);
            }
            AppliedLsn = command.Lsn;
        }
        Array.Clear(_batchProfiles, 0, batch.Count);
        AdvanceClock(watermarkMs);
        RunTagWork();
    }

    /// <summary>Moves the event-time clock; closes live visits whose heartbeat timed out (tags follow at the next step).</summary>
    public void AdvanceClock(long watermarkMs)
    {
        if (watermarkMs <= WatermarkMs) return;
        WatermarkMs = watermarkMs;
        SweepTimedOut(watermarkMs);
    }

    /// <summary>Moves the clock and brings tags up to date with it (for hosts without events to apply, and tests).</summary>
    public void Tick(long watermarkMs)
    {
        AdvanceClock(watermarkMs);
        RunTagWork();
    }

    /// <summary>Marks a log position as applied without a command for this partition (keeps replay skipping exact).</summary>
    public void MarkApplied(long lsn)
    {
        if (lsn > AppliedLsn) AppliedLsn = lsn;
    }

    private Profile GetOrCreate(ulong id)
    {
        if (_profiles.TryGetValue(id, out var profile)) return profile;
        profile = new Profile(id, NextOrdinal(), Slabs);
        Install(profile);
        return profile;
    }

    private int NextOrdinal() => _freeOrdinals.Count > 0 ? _freeOrdinals.Pop() : _nextOrdinal++;

    /// <summary>Makes a profile this partition's: by id, by ordinal (bitmaps), in the saved segments it satisfies.</summary>
    private void Install(Profile profile)
    {
        _profiles.Add(profile.Id, profile);
        TrackOrdinal(profile);
        SavedSegmentsOnArrival(profile, publish: true);
    }

    private void Remove(Profile profile)
    {
        LeaveRoom(profile);
        _profiles.Remove(profile.Id);
        ForgetOrdinal(profile);
        _freeOrdinals.Push(profile.Ordinal);
        profile.Release();
        RemoveTransientState(profile.Id);
    }
}
