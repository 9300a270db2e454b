using System.Threading.Channels;

namespace LiveProfile.Engine.Tags;

/// <summary>
/// The in-process change feed: keeps the most recent changes in a ring (numbered, so a reader can
/// resume after the last one it saw) and fans each change out to subscribers. A subscriber that
/// falls more than its capacity behind loses the oldest changes and is told how many
/// (<see cref="SequencedTagChange.Missed"/>), so slow readers never slow the partitions down.
/// </summary>
public sealed class TagChangeHub : ITagChangeSink
{
    private readonly Lock _gate = new();
    private readonly SequencedTagChange[] _ring;
    private readonly List<Subscription> _subscribers = [];
    private long _sequence;

    public TagChangeHub(int retained = 65_536)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(retained, 1);
        _ring = new SequencedTagChange[retained];
    }

    /// <summary>Number of the newest change (0 before the first).</summary>
    public long LastSequence => Volatile.Read(ref _sequence);

    public void Publish(TagChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        lock (_gate)
        {
            var item = new SequencedTagChange(++_sequence, change);
            _ring[item.Sequence % _ring.Length] = item;
            foreach (var s in _subscribers) s.Offer(item);
        }
    }

    /// <summary>Retained changes after <paramref name="afterSequence"/> that pass the filter, oldest first (at most <paramref name="max"/>).</summary>
    public IReadOnlyList<SequencedTagChange> Recent(long afterSequence, Func<TagChange, bool>? filter = null, int max = 1_000)
    {
        lock (_gate) return Retained(afterSequence, filter, max);
    }

    /// <summary>
    /// Subscribes to changes that pass <paramref name="filter"/>; when <paramref name="afterSequence"/>
    /// is given, retained changes after it are delivered first. Dispose to unsubscribe.
    /// </summary>
    public Subscription Subscribe(Func<TagChange, bool>? filter = null, long? afterSequence = null, int capacity = 10_000)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        var subscription = new Subscription(this, filter, capacity);
        lock (_gate)
        {
            if (afterSequence is { } after)
            {
                // Lost to the reader: changes the ring no longer holds, and retained ones beyond its queue
                // (it gets the newest that fit). The next change it receives says how many.
                var retained = Retained(after, filter, int.MaxValue);
                var skipped = Math.Max(0, retained.Count - capacity);
                subscription.AddMissed(Math.Max(0, _sequence - _ring.Length - Math.Max(after, 0)) + skipped);
                for (var i = skipped; i < retained.Count; i++) subscription.Offer(retained[i]);
            }
            _subscribers.Add(subscription);
        }
        return subscription;
    }

    private List<SequencedTagChange> Retained(long afterSequence, Func<TagChange, bool>? filter, int max)
    {
        var result = new List<SequencedTagChange>();
        var first = Math.Max(afterSequence + 1, _sequence - _ring.Length + 1);
        for (var seq = Math.Max(first, 1); seq <= _sequence && result.Count < max; seq++)
        {
            var item = _ring[seq % _ring.Length];
            if (filter is null || filter(item.Change)) result.Add(item);
        }
        return result;
    }

    private void Remove(Subscription subscription)
    {
        lock (_gate) _subscribers.Remove(subscription);
    }

    /// <summary>One reader of the feed.</summary>
    public sealed class Subscription : IDisposable
    {
        private readonly TagChangeHub _hub;
        private readonly Func<TagChange, bool>? _filter;
        private readonly Channel<SequencedTagChange> _channel;
        private long _missed;

        internal Subscription(TagChangeHub hub, Func<TagChange, bool>? filter, int capacity)
        {
            _hub = hub;
            _filter = filter;
            _channel = Channel.CreateBounded<SequencedTagChange>(new BoundedChannelOptions(capacity)
            {
                // Wait: TryWrite then fails on a full channel (the Drop modes report success), so the loss is counted.
                FullMode = BoundedChannelFullMode.Wait, SingleReader = true, SingleWriter = false,
            });
        }

        public ChannelReader<SequencedTagChange> Reader => _channel.Reader;

        internal void AddMissed(long count) => Interlocked.Add(ref _missed, count);

        internal void Offer(SequencedTagChange item)
        {
            if (_filter is not null && !_filter(item.Change)) return;
            var missed = Interlocked.Exchange(ref _missed, 0);
            var offered = missed == 0 ? item : item with { Missed = missed };
            if (!_channel.Writer.TryWrite(offered)) Interlocked.Add(ref _missed, missed + 1);
        }

        public void Dispose()
        {
            _hub.Remove(this);
            _channel.Writer.TryComplete();
        }
    }
}

/// <summary>A change with its feed number; <see cref="Missed"/> counts changes this reader lost just before it.</summary>
public sealed record SequencedTagChange(long Sequence, TagChange Change, long Missed = 0);
