using System.Diagnostics;
using LiveProfile.Engine.Contract;
using LiveProfile.Engine.Features;
using LiveProfile.Engine.Segments;
using LiveProfile.Engine.Tags;
using LiveProfile.Engine.Tags.Evaluation;
using LiveProfile.Engine.Tags.Taxonomy;
using LiveProfile.Engine.Time;

namespace LiveProfile.Engine.Partitioning;

/// <summary>
/// Live tag evaluation. After each batch, every profile the batch touched re-evaluates only the
/// tags its events can change (<see cref="CompiledTaxonomy.AffectedBy"/>), once, at the engine
/// clock. Time alone changes windowed tags: when the local day turns, a sweep re-evaluates the
/// time-driven tags of every profile; a new taxonomy version sweeps every tag (backfill). Sweeps
/// advance a slice per step, within a time budget, so ingestion never stops for them.
/// </summary>
public sealed partial class PartitionEngine
{
    /// <summary>Bit of a dirty mask meaning "every tag" (merge, restore); event types use the low bits.</summary>
    private const int AllTagsBit = 63;
    private static readonly TimeSpan SweepBudget = TimeSpan.FromMilliseconds(5);

    private readonly TagRuntime _tagRuntime;
    private readonly List<Profile> _dirty = []; // each once, its event types in Profile.DirtyTypes
    private readonly List<Profile?> _byOrdinal = [];
    private readonly List<int> _changedTags = []; // tags added or removed by the evaluation in progress
    private ProfileFeatureContext _context = null!;
    private SpendRanks _spendRanks = null!;
    private CompiledTaxonomy _taxonomy;
    private int _appliedTaxonomyVersion;
    private int _tagDay = int.MinValue;
    private TagSweep? _sweep;
    private bool _daySweepPending;

    /// <summary>
    /// The day to checkpoint as swept: a day sweep still running (or owed) is not done, so a restore
    /// from this checkpoint starts it again at the first step.
    /// </summary>
    private int SweptDay => _sweep is { Backfill: false } || _daySweepPending ? _tagDay - 1 : _tagDay;

    /// <summary>The taxonomy this partition evaluates (it may still be backfilling it).</summary>
    public CompiledTaxonomy Taxonomy => _taxonomy;

    public TagRuntime TagRuntime => _tagRuntime;

    /// <summary>True while a day sweep or a backfill has profiles left.</summary>
    public bool HasPendingTagWork => _sweep is not null || _tagRuntime.Current != _taxonomy;

    private void InitTags()
    {
        _spendRanks = new SpendRanks(_byOrdinal);
        _context = new ProfileFeatureContext(World, Options, _spendRanks);
    }

    private void MarkDirty(Profile profile, EventType type) => MarkDirty(profile, (int)type);

    private void MarkDirty(Profile profile, int bit)
    {
        if (_taxonomy.All.Length == 0) return; // no tags to evaluate (a new taxonomy backfills every profile)
        if (profile.DirtyTypes == 0) _dirty.Add(profile);
        profile.DirtyTypes |= 1UL << bit;
    }

    /// <summary>Evaluates what the last step made due: dirty profiles, then a slice of any sweep.</summary>
    private void RunTagWork(bool unbounded = false)
    {
        var current = _tagRuntime.Current;
        if (current != _taxonomy)
        {
            _taxonomy = current;
            _sweep = new TagSweep(current.All, backfill: true);
            RebuildAudiences(); // a tag may have moved to another family
        }
        else if (_appliedTaxonomyVersion != current.Version && _sweep is null)
        {
            _sweep = new TagSweep(current.All, backfill: true); // restored from a checkpoint taken mid-backfill
        }
        if (WatermarkMs != long.MinValue)
        {
            var day = EventTime.LocalDay(WatermarkMs, Options.LocalUtcOffsetMinutes);
            if (_tagDay != int.MinValue && day > _tagDay)
            {
                // Already sweeping (a backfill, or a slow day sweep): finish it, then go round once more
                // so that the profiles it passed before the day turned see the new day too.
                if (_sweep is null) _sweep = new TagSweep(_taxonomy.TimeDriven, backfill: false);
                else _daySweepPending = true;
            }
            _tagDay = Math.Max(_tagDay, day);
        }
        EvaluateDirty();
        if (_sweep is not null) ContinueSweep(unbounded);
        _tagRuntime.ReportSweeping(PartitionId, _sweep is not null);
    }

    /// <summary>Runs every pending evaluation and sweep to the end (tests, tools, shutdown).</summary>
    public void CompleteTagWork()
    {
        RunTagWork(unbounded: true);
        while (_sweep is not null) ContinueSweep(unbounded: true);
        _tagRuntime.ReportSweeping(PartitionId, false);
    }

    private void EvaluateDirty()
    {
        if (_dirty.Count == 0) return;
        Span<ulong> mask = stackalloc ulong[_taxonomy.All.Length];
        foreach (var profile in _dirty)
        {
            var types = profile.DirtyTypes;
            profile.DirtyTypes = 0;
            if (types == 0 || !IsHeld(profile)) continue; // merged away or erased within the batch
            if ((types & (1UL << AllTagsBit)) != 0)
            {
                _taxonomy.All.CopyTo(mask);
            }
            else
            {
                mask.Clear();
                for (var rest = types; rest != 0; rest &= rest - 1)
                {
                    TagBits.Or(mask, _taxonomy.AffectedBy((EventType)System.Numerics.BitOperations.TrailingZeroCount(rest)));
                }
                if (mask.IndexOfAnyExcept(0UL) < 0) continue; // no tag reads what these events changed
            }
            Evaluate(profile, mask, NowFor(profile), removeUnknown: false);
        }
        _dirty.Clear();
    }

    private void ContinueSweep(bool unbounded)
    {
        var sweep = _sweep!;
        var watch = Stopwatch.StartNew();
        while (sweep.Cursor < _byOrdinal.Count)
        {
            if (_byOrdinal[sweep.Cursor++] is { } profile) Evaluate(profile, sweep.Mask, NowFor(profile), sweep.Backfill);
            if (!unbounded && (sweep.Cursor & 255) == 0 && watch.Elapsed > SweepBudget) break;
        }
        if (sweep.Backfill) _tagRuntime.ReportBackfill(PartitionId, _taxonomy.Version, Math.Min(sweep.Cursor, _byOrdinal.Count), _byOrdinal.Count);
        if (sweep.Cursor < _byOrdinal.Count) return;
        if (sweep.Backfill) _appliedTaxonomyVersion = _taxonomy.Version;
        _sweep = _daySweepPending ? new TagSweep(_taxonomy.TimeDriven, backfill: false) : null;
        _daySweepPending = false;
    }

    /// <summary>The reference time of an evaluation: the engine clock (event time), or the profile's own last event before the clock runs.</summary>
    private long NowFor(Profile profile) =>
        WatermarkMs != long.MinValue ? WatermarkMs : profile.LastSeenMinute != int.MinValue ? EventTime.FromMinute(profile.LastSeenMinute) : 0;

    /// <summary>Re-evaluates the masked tags of one profile and publishes what changed.</summary>
    private void Evaluate(Profile profile, ReadOnlySpan<ulong> mask, long nowMs, bool removeUnknown)
    {
        var taxonomy = _taxonomy;
        var sink = _tagRuntime.Sink;
        _changedTags.Clear();
        _context.Reset(profile, nowMs);
        var minute = EventTime.ToMinute(nowMs);
        foreach (var tag in taxonomy.Tags)
        {
            if (!TagBits.IsSet(mask, tag.Index)) continue;
            var holds = tag.When.EvaluateBool(_context);
            var index = profile.IndexOfTag(tag.Key);
            if (!holds)
            {
                if (index < 0) continue;
                var previous = profile.TagAt(index).Weight;
                profile.RemoveTagAt(index);
                Bitmaps.Clear(tag.Key, profile.Ordinal);
                RoomTagChanged(profile, tag.Key, added: false);
                _changedTags.Add(tag.Key);
                sink?.Publish(new TagChange(profile.Id, tag.Id, TagChangeKind.Removed, 0, previous, nowMs, taxonomy.Version));
                continue;
            }
            var weight = WeightOf(tag);
            if (index < 0)
            {
                profile.AddTag(new ProfileTag(tag.Key, weight, minute, tag.Source));
                Bitmaps.Set(tag.Key, profile.Ordinal);
                RoomTagChanged(profile, tag.Key, added: true);
                _changedTags.Add(tag.Key);
                if (sink is null) continue;
                sink.Publish(new TagChange(profile.Id, tag.Id, TagChangeKind.Added, weight, 0, nowMs, taxonomy.Version));
                if (tag.IsInterestShift)
                {
                    sink.Publish(new TagChange(profile.Id, tag.Id, TagChangeKind.InterestShift, weight, 0, nowMs, taxonomy.Version,
                        tag.When.Explain(_context).Summary));
                }
                continue;
            }
            ref var held = ref profile.TagAt(index);
            // Weights move with every interaction: report (and store) a move of at least 0.01.
            if (Math.Abs(held.Weight - weight) < 0.01f) continue;
            var before = held.Weight;
            held.Weight = weight;
            sink?.Publish(new TagChange(profile.Id, tag.Id, TagChangeKind.WeightChanged, weight, before, nowMs, taxonomy.Version));
        }
        if (removeUnknown) RemoveTagsOutside(profile, taxonomy, nowMs);
        if (_changedTags.Count > 0) PublishSegmentChanges(profile, nowMs);
    }

    /// <summary>Counts and publishes the saved segments a profile entered or left through the tags it just gained or lost.</summary>
    private void PublishSegmentChanges(Profile profile, long nowMs)
    {
        var sink = _tagRuntime.Sink;
        if (sink is null && _savedCounts.Count == 0) return;
        foreach (var segment in _tagRuntime.SavedSegments)
        {
            if (!segment.Reads(_changedTags)) continue;
            var now = Satisfies(profile, segment);
            if (now == SatisfiedBeforeChanges(profile, segment)) continue;
            MoveSavedCount(segment, now ? +1 : -1);
            sink?.Publish(new TagChange(profile.Id, segment.ChangeTag, now ? TagChangeKind.SegmentEntered : TagChangeKind.SegmentLeft, 0, 0, nowMs,
                _taxonomy.Version));
        }
    }

    /// <summary>Whether the profile satisfied the segment before this evaluation: each changed tag flipped exactly once in it.</summary>
    private bool SatisfiedBeforeChanges(Profile profile, SavedSegment segment) =>
        SegmentEvaluator.Matches(segment.Node, tag => Holds(profile, tag) ^ (TagKeys.TryGet(tag, out var key) && _changedTags.Contains(key)));

    private static bool Holds(Profile profile, string tag) => TagKeys.TryGet(tag, out var key) && profile.IndexOfTag(key) >= 0;

    private float WeightOf(CompiledTag tag)
    {
        if (tag.Weight is null) return 1f;
        var w = tag.Weight.EvaluateNumber(_context);
        return double.IsNaN(w) ? 1f : (float)Math.Clamp(w, 0, 1);
    }

    private void RemoveTagsOutside(Profile profile, CompiledTaxonomy taxonomy, long nowMs)
    {
        for (var i = profile.Tags.Length - 1; i >= 0; i--)
        {
            var held = profile.Tags[i];
            if (taxonomy.FindByKey(held.Tag) is not null) continue;
            profile.RemoveTagAt(i);
            Bitmaps.Clear(held.Tag, profile.Ordinal);
            RoomTagChanged(profile, held.Tag, added: false);
            _changedTags.Add(held.Tag);
            _tagRuntime.Sink?.Publish(new TagChange(profile.Id, TagKeys.Name(held.Tag), TagChangeKind.Removed, 0, held.Weight, nowMs,
                taxonomy.Version, $"not in taxonomy v{taxonomy.Version}"));
        }
    }

    /// <summary>Publishes the removal of every tag of a profile that leaves this partition (merged into another, or erased).</summary>
    private void RetractTags(Profile profile, string reason)
    {
        if (_tagRuntime.Sink is not { } sink) return;
        var nowMs = NowFor(profile);
        foreach (var held in profile.Tags)
        {
            sink.Publish(new TagChange(profile.Id, TagKeys.Name(held.Tag), TagChangeKind.Removed, 0, held.Weight, nowMs, _taxonomy.Version, reason));
        }
        foreach (var segment in _tagRuntime.SavedSegments)
        {
            if (!Satisfies(profile, segment)) continue;
            sink.Publish(new TagChange(profile.Id, segment.ChangeTag, TagChangeKind.SegmentLeft, 0, 0, nowMs, _taxonomy.Version, reason));
        }
    }

    /// <summary>Sets a model's score for a profile and re-evaluates the tags that read it; false when the profile is not here.</summary>
    public bool SetModelScore(ulong profileId, string model, double score)
    {
        ArgumentException.ThrowIfNullOrEmpty(model);
        if (!_profiles.TryGetValue(profileId, out var profile)) return false;
        profile.SetModelScore(World.Keys.Intern("model:" + model), (float)score);
        var bits = _taxonomy.AffectedByModel(model);
        if (bits.Length > 0) Evaluate(profile, bits, NowFor(profile), removeUnknown: false);
        return true;
    }

    /// <summary>Evaluates one tag of one profile with every fact that decided it (for GET …/explain/{tag}).</summary>
    public TagExplanation? Explain(ulong profileId, string tagId)
    {
        if (!_profiles.TryGetValue(profileId, out var profile) || _taxonomy.Find(tagId) is not { } tag) return null;
        var nowMs = NowFor(profile);
        _context.Reset(profile, nowMs);
        var when = tag.When.Explain(_context);
        var weight = tag.Weight?.Explain(_context);
        var index = profile.IndexOfTag(tag.Key);
        return new TagExplanation(tag, when, weight, index >= 0 ? profile.TagAt(index) : null, nowMs);
    }

    private void TrackOrdinal(Profile profile)
    {
        while (_byOrdinal.Count <= profile.Ordinal) _byOrdinal.Add(null);
        _byOrdinal[profile.Ordinal] = profile;
        Bitmaps.AddProfile(profile.Ordinal);
        foreach (var held in profile.Tags) Bitmaps.Set(held.Tag, profile.Ordinal);
        if (profile.Orders > 0) _spendRanks.NoteOrder();
    }

    /// <summary>Whether the profile is still this partition's (not merged away or erased).</summary>
    private bool IsHeld(Profile profile) => profile.Ordinal < _byOrdinal.Count && ReferenceEquals(_byOrdinal[profile.Ordinal], profile);

    private void ForgetOrdinal(Profile profile)
    {
        if (profile.Ordinal < _byOrdinal.Count) _byOrdinal[profile.Ordinal] = null;
        Bitmaps.RemoveProfile(profile.Ordinal, profile.Tags); // before the ordinal can go to another profile
        SavedSegmentsOnDeparture(profile);
        profile.DirtyTypes = 0; // left in the dirty list, skipped there
        ForgetInFunnels(profile.Ordinal);
    }

    private sealed class TagSweep(ulong[] mask, bool backfill)
    {
        public ulong[] Mask { get; } = mask;
        public bool Backfill { get; } = backfill;
        public int Cursor { get; set; }
    }
}

/// <summary>Why a tag holds or not for one profile: the condition's and the weight's facts, and the tag as carried.</summary>
public sealed record TagExplanation(
    CompiledTag Tag,
    Tags.Language.Explanation When,
    Tags.Language.Explanation? Weight,
    ProfileTag? Carried,
    long AtMs);
