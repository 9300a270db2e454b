using LiveProfile.Engine.Tags;

namespace LiveProfile.Server.Http;

/// <summary>
/// The <c>data</c> of one change-feed event. <see cref="At"/> is event time (the engine clock when
/// the tag was re-evaluated); <see cref="Missed"/> counts changes this reader lost just before this
/// one (it fell behind, or resumed from a point the feed no longer retains): reload what it follows.
/// </summary>
internal sealed record ChangeEvent(string Profile, string Tag, string Kind, double Weight, double PreviousWeight, DateTimeOffset At,
    int TaxonomyVersion, string? Reason, long Missed)
{
    public static ChangeEvent From(SequencedTagChange item)
    {
        var c = item.Change;
        return new ChangeEvent($"profile:{c.Profile:x16}", c.Tag, ChangeFilter.KindName(c.Kind), Math.Round(c.Weight, 3),
            Math.Round(c.PreviousWeight, 3), DateTimeOffset.FromUnixTimeMilliseconds(c.AtMs), c.TaxonomyVersion, c.Reason,
            item.Missed);
    }
}
