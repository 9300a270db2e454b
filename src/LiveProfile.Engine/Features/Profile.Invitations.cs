namespace LiveProfile.Engine.Features;

/// <summary>
/// Sessions the profile was invited to (<c>marketing.invite</c>): an invitation is answered when the profile came to the
/// session, so that pre-live invitations can leave out dormant people who never answer them.
/// </summary>
public sealed partial class Profile
{
    /// <summary>Invitations kept per profile: the newest, enough to tell someone who answers from someone who never does.</summary>
    public const int MaxInvitations = 16;

    private Invitation[]? _invitations;
    private int _invitationCount;

    public ReadOnlySpan<Invitation> Invitations => _invitations.AsSpan(0, _invitationCount);

    /// <summary>An invitation to <paramref name="session"/> (interned) sent on local <paramref name="day"/>; once per session, the first day kept.</summary>
    internal void RecordInvitation(int session, int day)
    {
        for (var i = 0; i < _invitationCount; i++)
        {
            ref var held = ref _invitations![i];
            if (held.Session != session) continue;
            held.Day = Math.Min(held.Day, day);
            return;
        }
        if (_invitationCount == MaxInvitations)
        {
            var oldest = 0;
            for (var i = 1; i < _invitationCount; i++) if (_invitations![i].Day < _invitations[oldest].Day) oldest = i;
            if (day < _invitations![oldest].Day) return; // older than everything kept
            _invitations[oldest] = new Invitation(session, day);
            return;
        }
        if (_invitations is null || _invitationCount == _invitations.Length)
        {
            Array.Resize(ref _invitations, Math.Min(MaxInvitations, Math.Max(2, _invitationCount * 2)));
        }
        _invitations[_invitationCount++] = new Invitation(session, day);
    }

    /// <summary>
    /// The invitations sent before <paramref name="today"/> (their session had its chance) and how many of them the
    /// profile answered by coming to the session.
    /// </summary>
    public (int Invited, int Answered) InvitationAnswers(int today)
    {
        var invited = 0;
        var answered = 0;
        foreach (var invitation in Invitations)
        {
            if (invitation.Day >= today) continue;
            invited++;
            foreach (var a in Attendance)
            {
                if (a.Session != invitation.Session) continue;
                answered++;
                break;
            }
        }
        return (invited, answered);
    }

    private void MergeInvitations(Profile other)
    {
        foreach (var invitation in other.Invitations) RecordInvitation(invitation.Session, invitation.Day);
    }
}

/// <summary>An invitation to a session (interned key, the same one attendance uses) sent on a local day.</summary>
public record struct Invitation(int Session, int Day);
