using LiveProfile.Simulation.Catalog;
using LiveProfile.Simulation.Comments;
using LiveProfile.Simulation.Generation;
using LiveProfile.Simulation.People;
using LiveProfile.Simulation.Rooms;

namespace LiveProfile.Simulation.Truth;

/// <summary>
/// Records what every simulated person truly did (clean events: true person, true time, true
/// intent) and computes, at the end of the run, the tags each should carry under the default
/// taxonomy's rule definitions (<see cref="DefaultTagRules"/>).
/// </summary>
internal sealed partial class GroundTruth
{
    private const double HalfLifeMinutes = 14 * 1440;
    private readonly ProductCatalog _catalog;
    private readonly PersonLedger?[] _ledgers;
    private readonly long _originMs;
    private readonly Dictionary<int, List<(long StartMs, string Session)>> _roomSessions = [];

    /// <param name="endMs">The evaluation time: windows end on its local day.</param>
    public GroundTruth(ProductCatalog catalog, int people, long originMs, long endMs)
    {
        _catalog = catalog;
        _ledgers = new PersonLedger?[people];
        _originMs = originMs;
        EndMs = endMs;
        Today = SimClock.LocalDay(endMs);
    }

    public long EndMs { get; }
    public int Today { get; }

    public void ObserveSessions(IEnumerable<SessionPlan> sessions)
    {
        foreach (var s in sessions)
        {
            if (!_roomSessions.TryGetValue(s.Room.Index, out var list)) _roomSessions[s.Room.Index] = list = [];
            list.Add((s.StartMs, s.Id));
        }
    }

    /// <summary>One clean event, as it happened.</summary>
    public void Observe(SimEvent e)
    {
        if (e.Person is not { } person || e.TsMs >= EndMs) return;
        var l = _ledgers[person.Index] ??= new PersonLedger();
        var day = SimClock.LocalDay(e.TsMs);
        var age = Today - day;
        var in30 = age is >= 0 and < 30;
        var in180 = age is >= 0 and < 180;
        l.FirstSeenMs = Math.Min(l.FirstSeenMs, e.TsMs);
        l.LastActivityMs = Math.Max(l.LastActivityMs, e.TsMs);
        switch (e.Type)
        {
            case SimEventType.Profile:
                l.Gender = person.Gender;
                l.BirthYear = person.BirthYear;
                l.Province = person.Province;
                l.RegisteredMs = person.RegisteredMs;
                return;
            case SimEventType.Link:
                return;
        }
        if (in30)
        {
            l.HourEvents30++;
            var hour = SimClock.LocalHour(e.TsMs);
            if (hour >= 22 || hour < 3)
            {
                l.NightEvents30++;
                l.NightDays30 |= 1u << age;
            }
        }
        if (SimEventType.IsLive(e.Type)) ObserveLive(l, e, day, in30);
        else ObserveShop(l, e, day, in30, in180);
    }

    private void ObserveLive(PersonLedger l, SimEvent e, int day, bool in30)
    {
        var s = e.Session!;
        if (!l.Sessions.TryGetValue(s.Id, out var a))
        {
            l.Sessions[s.Id] = a = new PersonLedger.Attendance { Room = s.Room.Index, Day = day, PresentsAppliance = Presents(s, 1) };
        }
        a.Day = Math.Min(a.Day, day);
        switch (e.Type)
        {
            case SimEventType.Join:
                a.JoinMs = Math.Min(a.JoinMs, e.TsMs);
                break;
            case SimEventType.Leave:
                a.LeaveMs = Math.Max(a.LeaveMs, e.TsMs);
                break;
            case SimEventType.Comment:
                if (in30)
                {
                    l.Comments30++;
                    l.Intents30[(int)e.Intent]++;
                    if (e.Product is { Category: 1 } && e.Intent.IsQuestion()) l.ApplianceQuestions30++;
                }
                // A comment on the product on screen is an interaction when it is about it.
                if (e.Product is { } shown && (e.Intent != Intent.Other || Mentions(e.Text!, shown))) Interact(l, shown, e.TsMs, day, in30);
                break;
            case SimEventType.Like:
                if (in30) l.Likes30 += e.Count;
                if (e.Product is { } liked) Interact(l, liked, e.TsMs, day, in30);
                break;
            case SimEventType.Gift:
                if (in30)
                {
                    l.Gifts30++;
                    l.GiftValue30 += e.Value;
                }
                if (e.Product is { } gifted) Interact(l, gifted, e.TsMs, day, in30);
                break;
            case SimEventType.Share:
                if (in30) l.Shares30++;
                break;
            case SimEventType.Follow:
                (l.Follows ??= []).Add(s.Room.Index);
                break;
            case SimEventType.CouponClaim:
                a.ClaimedCoupon = true;
                break;
            case SimEventType.Click:
                View(l, e.Product!, e.TsMs, day, in30);
                l.LastLiveClick ??= [];
                l.LastLiveClick[e.Product!.Index] = Math.Max(l.LastLiveClick.GetValueOrDefault(e.Product.Index, long.MinValue), e.TsMs);
                break;
        }
        a.LastMs = Math.Max(a.LastMs, e.TsMs);
    }

    private void ObserveShop(PersonLedger l, SimEvent e, int day, bool in30, bool in180)
    {
        switch (e.Type)
        {
            case SimEventType.View:
                View(l, e.Product!, e.TsMs, day, in30);
                if (in30 && e.Code == "reviews") l.ReviewViews30++;
                break;
            case SimEventType.CartAdd:
                Interact(l, e.Product!, e.TsMs, day, in30);
                break;
            case SimEventType.Order:
                Order(l, e, day, in30, in180);
                break;
        }
    }

    private void Order(PersonLedger l, SimEvent e, int day, bool in30, bool in180)
    {
        l.Orders++;
        l.Spend += e.Value;
        if (in180)
        {
            l.Orders180++;
            l.Spend180 += e.Value;
        }
        var discounted = e.Code is not null;
        var impulse = false;
        var dearest = -1.0;
        var premium = false;
        foreach (var item in e.Items!)
        {
            if (item.Discount > 0) discounted = true;
            if (item.UnitPrice > dearest)
            {
                dearest = item.UnitPrice;
                premium = item.UnitPrice > _catalog.MedianPrice(item.Product.Category);
            }
            Interact(l, item.Product, e.TsMs, day, in30);
            if (l.LastLiveClick is { } clicks && clicks.TryGetValue(item.Product.Index, out var clickMs) && e.TsMs >= clickMs && e.TsMs - clickMs <= 5 * 60_000)
            {
                impulse = true;
            }
            if (in180)
            {
                var c = item.Product.Category;
                l.FirstOrderDay180[c] = Math.Min(l.FirstOrderDay180[c], day);
                l.LastOrderDay180[c] = Math.Max(l.LastOrderDay180[c], day);
            }
        }
        if (discounted) l.Discounted++;
        if (premium) l.Premium++;
        if (impulse && in30) l.Impulse30++;
    }

    /// <summary>A detail view or a live click: an interaction that is also a view.</summary>
    private void View(PersonLedger l, SimProduct product, long tsMs, int day, bool in30)
    {
        Interact(l, product, tsMs, day, in30);
        if (!in30 || product.Category != 1) return;
        l.ApplianceViews30++;
        (l.ApplianceProducts30 ??= []).Add(product.Index);
    }

    private void Interact(PersonLedger l, SimProduct product, long tsMs, int day, bool in30)
    {
        var c = product.Category;
        if (in30)
        {
            l.Interactions30++;
            l.Interactions30ByCategory[c]++;
        }
        var weight = Math.Pow(2, (tsMs - _originMs) / 60_000 / HalfLifeMinutes);
        l.Decayed[c] += weight;
        l.DecayedTotal += weight;
        if (product.IsGuochao) l.DecayedGuochao += weight;
        var cutoff = Today - 7;
        if (day <= cutoff)
        {
            var then = Math.Pow(2, -(cutoff - day) / 14.0);
            l.DecayedWeekAgo[c] += then;
            l.DecayedWeekAgoTotal += then;
        }
    }

    private bool Presents(SessionPlan s, int category)
    {
        foreach (var p in s.Lineup) if (_catalog.Products[p].Category == category) return true;
        return false;
    }

    private static bool Mentions(string text, SimProduct product) =>
        text.Contains(product.Brand, StringComparison.OrdinalIgnoreCase) || text.Contains(product.Title, StringComparison.OrdinalIgnoreCase);
}
