using LiveProfile.Engine.Contract;
using LiveProfile.Engine.Partitioning;
using LiveProfile.Engine.Tests.Tags;
using static LiveProfile.Engine.Tests.Events;
using static LiveProfile.Engine.Tests.Tags.TagHarness;

namespace LiveProfile.Engine.Tests.Features;

/// <summary>
/// Invitations sent (<c>marketing.invite</c>) and answered (coming to the session): pre-live invitations leave out the
/// dormant people who never answer and prefer those who do; an invitation is not the user's own activity.
/// </summary>
public sealed class InvitationAnswerTests
{
    private static readonly Pseudonym Ignorer = Account(1), Answerer = Account(2), Organic = Account(3), Stranger = Account(4),
        ActiveIgnorer = Account(5), Private = Account(6);

    private static EventRecord Invite(Pseudonym user, string session, long ts)
    {
        var e = User(EventType.MarketingInvite, ts, [user], props: p => p.Channel = "push");
        e.Session = session;
        return e;
    }

    private static EventRecord Consent(Pseudonym user, bool marketing) =>
        User(EventType.UserConsent, T0 - Day, [user], props: p => p.Purposes = new ConsentPurposes(true, true, marketing));

    private static EventRecord[] Attend(Pseudonym user, string session, long ts)
    {
        var events = Watch(ts, user, 5, "r1");
        foreach (var e in events) e.Session = session;
        return events;
    }

    [Fact]
    public async Task DormantPeopleWhoNeverAnswer_AreLeftOut_AndAnswersRaiseTheScore()
    {
        var harness = new TagHarness();
        await harness.SendAsync(
            Session("old-0", "r1", T0 + 6 * TagHarness.Hour, "serum"), Session("old-1", "r1", T0 + Day, "serum"), Session("old-2", "r1", T0 + 3 * Day, "serum"),
            Session("next", "r1", T0 + 80 * Day, "serum", "cream"));
        await harness.SendAsync(new[] { Ignorer, Answerer, Organic, Stranger, ActiveIgnorer }.Select(u => Consent(u, true)).Append(Consent(Private, false)));
        foreach (var user in new[] { Ignorer, Answerer, Organic, Stranger, ActiveIgnorer, Private })
        {
            await harness.SendAsync(User(EventType.ShopView, T0, [user], product: "serum"));
        }
        foreach (var user in new[] { Ignorer, Answerer, ActiveIgnorer })
        {
            await harness.SendAsync(Invite(user, "old-1", T0 + 12 * TagHarness.Hour), Invite(user, "old-2", T0 + 2 * Day));
        }
        // The ignorer came to a room once by itself, but to none of the sessions it was invited to.
        await harness.SendAsync(Attend(Ignorer, "old-0", T0 + 6 * TagHarness.Hour + 10 * Minute));
        await harness.SendAsync(Attend(Answerer, "old-1", T0 + Day + 10 * Minute));
        await harness.SendAsync(Attend(Organic, "old-2", T0 + 3 * Day + 10 * Minute));
        await harness.SendAsync(Attend(Private, "old-2", T0 + 3 * Day + 10 * Minute));
        // The active ignorer keeps shopping for beauty: an interest, not dormant.
        await harness.SendAsync(Enumerable.Range(0, 6).Select(k => User(EventType.ShopView, T0 + 70 * Day + k * Minute, [ActiveIgnorer], product: "serum")));
        harness.AdvanceClock(T0 + 72 * Day);

        foreach (var user in new[] { Ignorer, Answerer, Organic, Stranger }) Assert.True(harness.Has(user, "dormant"), harness.Why(user, "dormant"));
        Assert.False(harness.Has(ActiveIgnorer, "dormant"));
        var (engine, ignorer) = harness.Locate(Ignorer);
        Assert.Equal((2, 0), ignorer.InvitationAnswers(engine.Today!.Value));
        Assert.Equal((2, 1), harness.Locate(Answerer).Profile.InvitationAnswers(engine.Today!.Value));
        // Invitations are not activity: the ignorer was last seen leaving old-0, before them.
        Assert.Equal(Time.EventTime.ToMinute(T0 + 6 * TagHarness.Hour + 15 * Minute), ignorer.LastSeenMinute);

        var invitees = engine.Invitees("next", 10, out var scored)!;
        var ids = invitees.Select(i => i.Profile).ToList();
        Assert.Equal(3, scored);
        Assert.Equal(
            new[] { Answerer, Organic, ActiveIgnorer }.Select(u => harness.Locate(u).Profile.Id).Order(),
            ids.Order());
        var answerer = invitees.Single(i => i.Profile == harness.Locate(Answerer).Profile.Id);
        Assert.Contains("answered 1 of 2 invitation(s)", answerer.Reasons);
        Assert.Contains(invitees.Single(i => i.Profile == harness.Locate(ActiveIgnorer).Profile.Id).Reasons,
            r => r == "answered 0 of 2 invitation(s)");
    }

    [Fact]
    public async Task Invitations_SurviveACheckpointAndAMerge()
    {
        var harness = new TagHarness();
        await harness.SendAsync(Session("s1", "r1", T0 + Day, "serum"), Session("s2", "r1", T0 + 2 * Day, "serum"));
        await harness.SendAsync(Invite(Account(10), "s1", T0), Invite(Viewer(10), "s2", T0 + Day), Invite(Viewer(10), "s1", T0 - Day));
        await harness.SendAsync(User(EventType.IdentityLink, T0 + Day, [Account(10), Viewer(10)]));
        var (engine, merged) = harness.Locate(Account(10));
        var expected = new[] { ("session:s1", Day0(engine) - 1), ("session:s2", Day0(engine) + 1) };
        Assert.Equal(expected, merged.Invitations.ToArray().Select(i => (engine.World.Keys.Name(i.Session), i.Day)).Order());

        using var saved = new MemoryStream();
        engine.Save(saved);
        saved.Position = 0;
        var loaded = PartitionEngine.Load(saved, engine.Options);
        var restored = loaded.Find(merged.Id)!;
        Assert.Equal(expected, restored.Invitations.ToArray().Select(i => (loaded.World.Keys.Name(i.Session), i.Day)).Order());
    }

    private static int Day0(PartitionEngine engine) => Time.EventTime.LocalDay(T0, engine.Options.LocalUtcOffsetMinutes);
}
