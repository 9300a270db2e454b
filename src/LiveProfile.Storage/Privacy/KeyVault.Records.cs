using LiveProfile.Storage.IO;

namespace LiveProfile.Storage.Privacy;

/// <summary>The record format of <c>keys.vault</c>: replay on open, writing, compaction.</summary>
public sealed partial class KeyVault
{
    private static void WriteTenantRecord(ByteWriter writer, VaultTenant tenant)
    {
        var start = RecordFile.BeginRecord(writer, (byte)VaultRecordType.Tenant);
        writer.WriteString16(tenant.Name);
        writer.WriteBytes(tenant.HmacKey);
        writer.WriteBytes(tenant.QuarantineKey);
        RecordFile.EndRecord(writer, start);
    }

    private static void WriteKeyRecord(ByteWriter writer, VaultRecordType type, int tenantIndex, ulong keyId, ReadOnlySpan<byte> key)
    {
        var start = RecordFile.BeginRecord(writer, (byte)type);
        writer.WriteUInt32((uint)tenantIndex);
        writer.WriteUInt64(keyId);
        if (type == VaultRecordType.UserKey)
        {
            writer.WriteBytes(key);
        }

        RecordFile.EndRecord(writer, start);
    }

    /// <summary>Applies one record while opening. Malformed content throws <see cref="InvalidDataException"/> (reported with its offset).</summary>
    private void Replay(byte type, ReadOnlySpan<byte> payload, long offset)
    {
        var reader = new SpanReader(payload);
        switch ((VaultRecordType)type)
        {
            case VaultRecordType.Tenant:
            {
                var name = reader.ReadString16();
                var hmac = reader.ReadBytes(KeySize).ToArray();
                var quarantine = reader.ReadBytes(KeySize).ToArray();
                if (name.Length == 0 || _byName.ContainsKey(name))
                {
                    throw new InvalidDataException($"duplicate or empty tenant '{name}'");
                }

                AddTenant(new VaultTenant(_tenants.Count, name, hmac, quarantine));
                break;
            }

            case VaultRecordType.UserKey:
            {
                var tenant = ReplayTenant(reader.ReadUInt32());
                var keyId = reader.ReadUInt64();
                var key = reader.ReadBytes(KeySize);
                if (tenant.UserKeys.TryGet(keyId, out var slot))
                {
                    key.CopyTo(_slab.Get(slot));
                }
                else
                {
                    tenant.UserKeys.Add(keyId, _slab.Allocate(key));
                    _userKeyCount++;
                }

                break;
            }

            case VaultRecordType.Destroy:
            {
                var tenant = ReplayTenant(reader.ReadUInt32());
                var keyId = reader.ReadUInt64();
                if (tenant.UserKeys.Remove(keyId, out var slot))
                {
                    _slab.Free(slot);
                    _userKeyCount--;
                }

                (tenant.Destroyed ??= []).Add(keyId);
                break;
            }

            default:
                throw new InvalidDataException($"unknown record type {type}");
        }

        if (reader.Remaining != 0)
        {
            throw new InvalidDataException($"{reader.Remaining} trailing bytes in a record of type {type}");
        }
    }

    private VaultTenant ReplayTenant(uint index) =>
        index < (uint)_tenants.Count ? _tenants[(int)index] : throw new InvalidDataException($"unknown tenant index {index}");

    /// <summary>
    /// The live state as records: tenants (in index order, so indices stay valid), then the
    /// tombstones, then the live keys (tombstones first: a key re-created after its destruction must
    /// survive the replay).
    /// </summary>
    private void WriteSnapshot(RecordFileRewrite rewrite)
    {
        var writer = rewrite.Buffer;
        foreach (var tenant in _tenants)
        {
            WriteTenantRecord(writer, tenant);
        }

        foreach (var tenant in _tenants)
        {
            if (tenant.Destroyed is null)
            {
                continue;
            }

            foreach (var keyId in tenant.Destroyed)
            {
                WriteKeyRecord(writer, VaultRecordType.Destroy, tenant.Index, keyId, default);
                rewrite.FlushIfLarge();
            }
        }

        foreach (var tenant in _tenants)
        {
            var table = tenant.UserKeys;
            for (var i = 0; i < table.Capacity; i++)
            {
                if (table.TryGetAt(i, out var keyId, out var slot))
                {
                    WriteKeyRecord(writer, VaultRecordType.UserKey, tenant.Index, keyId, _slab.Get(slot));
                    rewrite.FlushIfLarge();
                }
            }
        }
    }
}
