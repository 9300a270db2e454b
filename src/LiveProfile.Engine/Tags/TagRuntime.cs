using LiveProfile.Engine.Tags.Taxonomy;

namespace LiveProfile.Engine.Tags;

/// <summary>
/// What the partitions of one engine share about tags: the taxonomy in force (replaced as a whole
/// when a new version is saved; each partition switches at its next step and re-evaluates every
/// profile, reporting progress here) and where tag changes go.
/// </summary>
public sealed class TagRuntime
{
    private readonly Lock _gate = new();
    private readonly (int Version, int Done, int Total)[] _progress;
    private readonly bool[] _sweeping;
    private CompiledTaxonomy _current;

    public TagRuntime(int partitions, CompiledTaxonomy? taxonomy = null, ITagChangeSink? sink = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(partitions, 1);
        _current = taxonomy ?? CompiledTaxonomy.Default;
        Sink = sink;
        _progress = new (int, int, int)[partitions];
        _sweeping = new bool[partitions];
        for (var i = 0; i < partitions; i++) _progress[i] = (_current.Version, 0, -1);
    }

    public CompiledTaxonomy Current => Volatile.Read(ref _current);

    public ITagChangeSink? Sink { get; }

    /// <summary>Saved segments whose membership changes partitions publish (replaced as a whole; read on partition threads).</summary>
    public IReadOnlyList<Segments.SavedSegment> SavedSegments
    {
        get => Volatile.Read(ref _savedSegments);
        set => Volatile.Write(ref _savedSegments, value ?? throw new ArgumentNullException(nameof(value)));
    }

    private IReadOnlyList<Segments.SavedSegment> _savedSegments = [];

    /// <summary>Puts a new version in force; partitions pick it up at their next step and backfill.</summary>
    public void Install(CompiledTaxonomy taxonomy)
    {
        ArgumentNullException.ThrowIfNull(taxonomy);
        lock (_gate)
        {
            if (taxonomy.Version <= _current.Version)
            {
                throw new InvalidOperationException($"taxonomy version {taxonomy.Version} is not newer than {_current.Version}");
            }
            for (var i = 0; i < _progress.Length; i++) _progress[i] = (taxonomy.Version, 0, -1);
            Volatile.Write(ref _current, taxonomy);
        }
    }

    /// <summary>A partition's progress re-evaluating every profile under <paramref name="version"/>.</summary>
    public void ReportBackfill(int partition, int version, int done, int total)
    {
        lock (_gate)
        {
            if (version == _current.Version && (uint)partition < (uint)_progress.Length) _progress[partition] = (version, done, total);
        }
    }

    /// <summary>A partition started or finished a sweep (day turn or backfill) that continues over several steps.</summary>
    public void ReportSweeping(int partition, bool sweeping)
    {
        if ((uint)partition < (uint)_sweeping.Length) Volatile.Write(ref _sweeping[partition], sweeping);
    }

    /// <summary>Some partition has tag work left that needs steps even without events (the host should step it).</summary>
    public bool HasPendingWork
    {
        get
        {
            if (!Backfill.Complete) return true;
            for (var i = 0; i < _sweeping.Length; i++) if (Volatile.Read(ref _sweeping[i])) return true;
            return false;
        }
    }

    /// <summary>Progress of applying the current version to every profile.</summary>
    public BackfillStatus Backfill
    {
        get
        {
            lock (_gate)
            {
                long done = 0, total = 0;
                var started = 0;
                foreach (var (_, d, t) in _progress)
                {
                    if (t < 0) continue;
                    started++;
                    done += d;
                    total += t;
                }
                return new BackfillStatus(_current.Version, started, _progress.Length, done, total);
            }
        }
    }
}

/// <summary>
/// Backfill progress of a taxonomy version: partitions that started (and report their totals),
/// profiles re-evaluated out of those partitions' profiles.
/// </summary>
public sealed record BackfillStatus(int Version, int PartitionsStarted, int Partitions, long Done, long Total)
{
    public bool Complete => PartitionsStarted == Partitions && Done >= Total;
}
