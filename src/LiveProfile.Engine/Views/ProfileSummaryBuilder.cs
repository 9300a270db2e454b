using LiveProfile.Engine.Contract;
using LiveProfile.Engine.Features;
using LiveProfile.Engine.Partitioning;
using LiveProfile.Engine.Time;

namespace LiveProfile.Engine.Views;

/// <summary>Builds <see cref="ProfileSummary"/> from a profile, read-only (it never interns).</summary>
public static class ProfileSummaryBuilder
{
    public static ProfileSummary Build(PartitionEngine partition, Profile p, IReadOnlyList<Pseudonym> identifiers)
    {
        var world = partition.World;
        var options = partition.Options;
        var nowMs = partition.WatermarkMs != long.MinValue ? partition.WatermarkMs : EventTime.FromMinute(p.LastSeenMinute);
        var nowMinute = EventTime.ToMinute(nowMs);
        var today = EventTime.LocalDay(nowMs, options.LocalUtcOffsetMinutes);
        var scale = p.Scale(nowMinute, options.HalfLifeMinutes);
        var total = p.InteractionScore * scale;

        List<AffinityView> categories = [], brands = [], bands = [], labels = [];
        foreach (var a in p.Affinities)
        {
            var name = world.Keys.Name(a.Key);
            var score = a.Value * scale;
            var view = new AffinityView(name[(name.IndexOf(':') + 1)..], Round(score), total > 0 ? Round(score / total) : 0);
            (name.StartsWith("cat:", StringComparison.Ordinal) ? categories
                : name.StartsWith("brand:", StringComparison.Ordinal) ? brands
                : name.StartsWith("price:", StringComparison.Ordinal) ? bands : labels).Add(view);
        }

        var counts = new SortedDictionary<string, WindowCountsView>(StringComparer.Ordinal);
        foreach (var type in EventTypes.All)
        {
            var key = FeatureKeys.EventType(type);
            var d180 = p.Sum(key, today, 180);
            if (d180 > 0) counts[type.WireName()] = new WindowCountsView(p.Sum(key, today, 7), p.Sum(key, today, 30), d180);
        }

        var hours = new int[24];
        for (var h = 0; h < 24; h++) hours[h] = (int)p.Sum(FeatureKeys.Hour(h), today, 30);

        var sessions30 = 0;
        foreach (var a in p.Attendance) if (a.Day > today - 30) sessions30++;
        var dwell = new DwellView(p.Sum(FeatureKeys.DwellSeconds, today, 7) / 60.0, p.Sum(FeatureKeys.DwellSeconds, today, 30) / 60.0, sessions30);

        var rfm = new RfmView(
            p.LastOrderMinute == int.MinValue ? null : (int)((nowMinute - (long)p.LastOrderMinute) / 1440),
            p.Sum(FeatureKeys.EventType(EventType.ShopOrder), today, 180),
            p.Sum(FeatureKeys.SpendCents, today, 180) / 100.0);

        var byCategory = new SortedDictionary<string, List<DateOnly>>(StringComparer.Ordinal);
        foreach (var entry in p.Windows)
        {
            if (entry.Key < FeatureKeys.OrderCategoryBase || entry.Key >= FeatureKeys.ViewCategoryBase || entry.Day <= today - 180) continue;
            var category = world.Categories.Name(entry.Key - FeatureKeys.OrderCategoryBase);
            if (!byCategory.TryGetValue(category, out var days)) byCategory[category] = days = [];
            days.Add(DateOnly.FromDateTime(DateTimeOffset.FromUnixTimeMilliseconds(EventTime.FromDay(entry.Day)).UtcDateTime));
        }
        var orders = new OrdersView(p.Orders, p.Orders > 0 ? Round(p.Spend / p.Orders) : 0,
            p.Orders > 0 ? Round(p.DiscountedOrders / (double)p.Orders) : 0, Round(p.Spend), Round(p.Refunds),
            p.LastOrderMinute == int.MinValue ? null : At(EventTime.FromMinute(p.LastOrderMinute)),
            [.. byCategory.Select(c => new CategoryOrdersView(c.Key, c.Value))]);

        var rooms = new Dictionary<int, (int Sessions, int Dwell)>();
        foreach (var a in p.Attendance)
        {
            rooms.TryGetValue(a.Room, out var r);
            rooms[a.Room] = (r.Sessions + 1, r.Dwell + a.DwellSeconds);
        }
        var roomViews = rooms.Select(r => new RoomAttendanceView(Strip(world.Keys.Name(r.Key)), r.Value.Sessions, Round(r.Value.Dwell / 60.0),
            p.FollowedRooms is { } f && Array.BinarySearch(f, r.Key) >= 0)).OrderByDescending(r => r.Sessions).ToList();
        if (p.FollowedRooms is { } followed)
        {
            foreach (var room in followed)
            {
                if (!rooms.ContainsKey(room)) roomViews.Add(new RoomAttendanceView(Strip(world.Keys.Name(room)), 0, 0, true));
            }
        }

        return new ProfileSummary(
            $"profile:{p.Id:x16}",
            partition.PartitionId,
            [.. identifiers.Select(i => i.ToString())],
            p.FirstSeenMinute == int.MaxValue ? null : At(EventTime.FromMinute(p.FirstSeenMinute)),
            p.LastSeenMinute == int.MinValue ? null : At(EventTime.FromMinute(p.LastSeenMinute)),
            partition.WatermarkMs == long.MinValue ? null : At(partition.WatermarkMs),
            new AttributesView(
                p.Gender == Gender.Unknown ? null : p.Gender.ToString().ToLowerInvariant(),
                p.BirthYear == 0 ? null : p.BirthYear,
                p.Province < 0 ? null : Strip(world.Keys.Name(p.Province)),
                p.City < 0 ? null : Strip(world.Keys.Name(p.City)),
                p.RegisteredMinute == int.MinValue ? null : At(EventTime.FromMinute(p.RegisteredMinute))),
            new ConsentView(p.Consent.HasFlag(Consent.Analytics), p.Consent.HasFlag(Consent.Personalization), p.Consent.HasFlag(Consent.Marketing)),
            new FeaturesView(Top(categories, 20), Top(brands, 10), Top(bands, 6), Top(labels, 10), counts, dwell, hours, rfm, orders, roomViews),
            Tags(partition, p));
    }

    private static List<TagView> Tags(PartitionEngine partition, Profile p)
    {
        var views = new List<TagView>(p.Tags.Length);
        foreach (var held in p.Tags)
        {
            // A tag of a version being replaced is shown until the backfill reaches the profile.
            var tag = partition.Taxonomy.FindByKey(held.Tag);
            views.Add(new TagView(LiveProfile.Engine.Tags.TagKeys.Name(held.Tag), tag?.Family ?? "", tag?.NameZh ?? "", tag?.NameEn ?? "",
                Math.Round(held.Weight, 3), At(EventTime.FromMinute(held.SinceMinute)), held.Source == TagSource.Model ? "model" : "rule"));
        }
        views.Sort((a, b) => string.CompareOrdinal(a.Family, b.Family) is var c && c != 0 ? c : string.CompareOrdinal(a.Id, b.Id));
        return views;
    }

    private static List<AffinityView> Top(List<AffinityView> list, int n)
    {
        list.Sort((a, b) => b.Score.CompareTo(a.Score));
        return list.Count > n ? list.GetRange(0, n) : list;
    }

    private static string Strip(string key) => key[(key.IndexOf(':') + 1)..];
    private static DateTimeOffset At(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms);
    private static double Round(double v) => Math.Round(v, 4);
}
