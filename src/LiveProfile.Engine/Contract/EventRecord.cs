namespace LiveProfile.Engine.Contract;

/// <summary>
/// One validated event as it moves through LiveProfile. After the privacy door it carries only
/// pseudonyms (<see cref="Ids"/>) and the sealed PII blob; <see cref="Raw"/> is then null.
/// </summary>
public sealed class EventRecord
{
    public required string Tenant { get; set; }
    public required string Id { get; set; }
    public required EventType Type { get; set; }

    /// <summary>When it happened, epoch ms, already corrected for producer clock skew.</summary>
    public long TsMs { get; set; }

    /// <summary>When the server received it, epoch ms (the dedup window runs on this clock).</summary>
    public long ReceivedMs { get; set; }

    /// <summary>The skew that was corrected, ms (receivedAt − sentAt), 0 when no sentAt.</summary>
    public long SkewMs { get; set; }

    public string? Room { get; set; }
    public string? Session { get; set; }
    public string? Product { get; set; }
    public EventProps Props { get; set; } = new();

    /// <summary>Pseudonymised user identifiers (account, viewer, device, phone, nickname), in that order.</summary>
    public List<Pseudonym> Ids { get; set; } = [];

    /// <summary>The raw identity before the privacy door; must be null in the log.</summary>
    public RawIdentity? Raw { get; set; }

    /// <summary>AES-GCM sealed raw identifiers and PII (nonce ‖ ciphertext ‖ tag), under the key of <see cref="SealKey"/>.</summary>
    public byte[]? Sealed { get; set; }

    /// <summary>The pseudonym whose vault key sealed <see cref="Sealed"/>.</summary>
    public ulong SealKey { get; set; }

    /// <summary>A shallow copy carrying other identifiers (the props are shared).</summary>
    public EventRecord WithIds(List<Pseudonym> ids)
    {
        var copy = (EventRecord)MemberwiseClone();
        copy.Ids = ids;
        return copy;
    }
}
