using System.Security.Cryptography;
using System.Text;
using LiveProfile.Engine.Contract;
using LiveProfile.Storage.IO;

namespace LiveProfile.Storage.Privacy;

/// <summary>
/// The privacy door every event passes before the log (DESIGN.md, decision 8): raw identifiers
/// become pseudonyms, and the raw identifiers and PII are sealed with AES-256-GCM under the vault
/// key of the user the event belongs to, so destroying that key erases them everywhere.
/// <para>
/// Seal key: the primary pseudonym (<c>Ids[0]</c>); for an <c>identity.link</c> without a user,
/// the first linked pseudonym; for an event with no identifier at all (catalog or external signals
/// with unknown props), the tenant-level key id <see cref="TenantSealKeyId"/>. Associated data:
/// UTF-8 of tenant ‖ NUL ‖ event id, so a blob cannot be moved to another event.
/// </para>
/// Thread-safe (an <see cref="AesGcm"/> per call: they are not thread-safe, and the key changes
/// from event to event anyway). The caller must <see cref="KeyVault.Flush"/> before it makes the
/// events durable.
/// </summary>
public sealed class PrivacyDoor
{
    /// <summary>Key id for blobs of events that name no identifier (reserved: a real pseudonym is 0 with probability 2⁻⁶⁴).</summary>
    public const ulong TenantSealKeyId = 0;

    private const int StackLimit = 256;

    [ThreadStatic]
    private static ByteWriter? t_plaintext;

    private readonly KeyVault _vault;
    private readonly Pseudonymizer _pseudonymizer;

    public PrivacyDoor(KeyVault vault, Pseudonymizer pseudonymizer)
    {
        ArgumentNullException.ThrowIfNull(vault);
        ArgumentNullException.ThrowIfNull(pseudonymizer);
        _vault = vault;
        _pseudonymizer = pseudonymizer;
    }

    /// <summary>
    /// Pseudonymises and seals <paramref name="e"/> in place: fills <see cref="EventRecord.Ids"/>
    /// (account, viewer, device, phone, nickname: those present), turns <c>identity.link</c>
    /// identifiers into <see cref="EventProps.LinkedIds"/>, sets <see cref="EventRecord.Sealed"/> and
    /// <see cref="EventRecord.SealKey"/>, and clears <see cref="EventRecord.Raw"/>. No-op when Raw is null.
    /// </summary>
    public void Apply(EventRecord e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var raw = e.Raw;
        if (raw is null)
        {
            return;
        }

        var tenant = e.Tenant;
        var ids = e.Ids;
        ids.Clear();
        AddId(ids, tenant, IdentifierKind.Account, raw.AccountId);
        AddId(ids, tenant, IdentifierKind.Viewer, raw.ViewerId);
        AddId(ids, tenant, IdentifierKind.Device, raw.DeviceId);
        AddId(ids, tenant, IdentifierKind.Phone, raw.Phone);
        AddId(ids, tenant, IdentifierKind.Nickname, raw.Nickname);

        List<Pseudonym>? linked = null;
        if (e.Type == EventType.IdentityLink && raw.Links is { Count: > 0 } links)
        {
            linked = new List<Pseudonym>(links.Count);
            foreach (var (kind, value) in links)
            {
                linked.Add(new Pseudonym(kind, _pseudonymizer.Hash(tenant, kind, value)));
            }

            e.Props.LinkedIds = linked;
        }

        if (!SealedIdentityCodec.HasContent(raw))
        {
            e.Sealed = null;
            e.SealKey = 0;
            e.Raw = null;
            return;
        }

        var keyId = ids.Count > 0 ? ids[0].Hash : linked is { Count: > 0 } ? linked[0].Hash : TenantSealKeyId;
        var plaintext = t_plaintext ??= new ByteWriter(512, sensitive: true);
        Span<byte> key = stackalloc byte[KeySlab.KeySize];
        try
        {
            SealedIdentityCodec.Encode(raw, plaintext);
            _vault.CopyOrCreateUserKey(tenant, keyId, key);
            var aes = AesGcmCache.ForThread(_vault.DestroyedKeyCount).Get(tenant, keyId, key);
            e.Sealed = SealWithAad(aes, plaintext.WrittenSpan, tenant, e.Id);
        }
        finally
        {
            plaintext.Clear();
            CryptographicOperations.ZeroMemory(key);
        }

        e.SealKey = keyId;
        e.Raw = null;
    }

    /// <summary>
    /// The raw identifiers and PII sealed in <paramref name="e"/>, or null when there is nothing sealed
    /// or the key was destroyed (the data is erased).
    /// </summary>
    /// <exception cref="CryptographicException">The blob was tampered with, or does not belong to this event.</exception>
    public RawIdentity? Unseal(EventRecord e)
    {
        ArgumentNullException.ThrowIfNull(e);
        if (e.Sealed is not { } box)
        {
            return null;
        }

        if (box.Length < AeadBox.Overhead)
        {
            throw new CryptographicException($"Sealed blob of event '{e.Id}' is too short ({box.Length} bytes).");
        }

        Span<byte> key = stackalloc byte[KeySlab.KeySize];
        if (!_vault.TryCopyUserKey(e.Tenant, e.SealKey, key))
        {
            return null;
        }

        var plaintext = new byte[box.Length - AeadBox.Overhead];
        try
        {
            using (var aes = new AesGcm(key, AeadBox.TagSize))
            {
                OpenWithAad(aes, box, e.Tenant, e.Id, plaintext);
            }

            return SealedIdentityCodec.Decode(plaintext);
        }
        catch (AuthenticationTagMismatchException) when (_vault.WasDestroyed(e.Tenant, e.SealKey))
        {
            return null; // sealed under a destroyed key; the current key of that id is a newer one
        }
        catch (InvalidDataException ex)
        {
            throw new CryptographicException($"Sealed blob of event '{e.Id}' decrypted to an unreadable identity.", ex);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
            CryptographicOperations.ZeroMemory(plaintext);
        }
    }

    private void AddId(List<Pseudonym> ids, string tenant, IdentifierKind kind, string? value)
    {
        if (value is not null)
        {
            ids.Add(new Pseudonym(kind, _pseudonymizer.Hash(tenant, kind, value)));
        }
    }

    private static byte[] SealWithAad(AesGcm aes, ReadOnlySpan<byte> plaintext, string tenant, string eventId)
    {
        var count = AadLength(tenant, eventId);
        Span<byte> aad = count <= StackLimit ? stackalloc byte[StackLimit] : new byte[count];
        aad = WriteAad(aad[..count], tenant, eventId);
        return AeadBox.Seal(aes, plaintext, aad);
    }

    private static void OpenWithAad(AesGcm aes, ReadOnlySpan<byte> box, string tenant, string eventId, Span<byte> plaintext)
    {
        var count = AadLength(tenant, eventId);
        Span<byte> aad = count <= StackLimit ? stackalloc byte[StackLimit] : new byte[count];
        aad = WriteAad(aad[..count], tenant, eventId);
        AeadBox.Open(aes, box, aad, plaintext);
    }

    private static int AadLength(string tenant, string eventId) =>
        Encoding.UTF8.GetByteCount(tenant) + 1 + Encoding.UTF8.GetByteCount(eventId);

    private static Span<byte> WriteAad(Span<byte> destination, string tenant, string eventId)
    {
        var n = Encoding.UTF8.GetBytes(tenant, destination);
        destination[n] = 0;
        Encoding.UTF8.GetBytes(eventId, destination[(n + 1)..]);
        return destination;
    }
}
