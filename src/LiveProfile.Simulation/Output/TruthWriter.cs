using System.Text.Json;
using LiveProfile.Simulation.Truth;

namespace LiveProfile.Simulation.Output;

/// <summary>
/// The ground-truth file: one JSON line per person who did anything, with the identifiers the
/// events used, the latent traits, and the tags the person should carry at the run's end.
/// The first line is a header with the run's parameters.
/// </summary>
internal static class TruthWriter
{
    public static async Task WriteAsync(string path, SimulationOptions options, long startMs, IEnumerable<TruthRecord> records, CancellationToken ct)
    {
        await using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true);
        await using (var json = new Utf8JsonWriter(file, EventWriter.WriterOptions))
        {
            json.WriteStartObject();
            json.WriteString("kind", "liveprofile-ground-truth");
            json.WriteNumber("seed", options.Seed);
            json.WriteNumber("users", options.Users);
            json.WriteNumber("days", options.Days);
            json.WriteString("start", SimClock.Rfc3339(startMs));
            json.WriteString("end", SimClock.Rfc3339(options.EndMs));
            json.WriteString("taxonomy", "default");
            json.WriteEndObject();
        }
        file.WriteByte((byte)'\n');
        var count = 0;
        foreach (var r in records)
        {
            await using (var json = new Utf8JsonWriter(file, EventWriter.WriterOptions))
            {
                json.WriteStartObject();
                json.WriteString("person", r.Person);
                if (r.Account is not null) json.WriteString("account", r.Account);
                json.WriteString("viewer", r.Viewer);
                if (r.Unlinked) json.WriteBoolean("unlinked", true);
                json.WriteStartArray("traits");
                foreach (var t in r.Traits) json.WriteStringValue(t);
                json.WriteEndArray();
                json.WriteStartArray("tags");
                foreach (var t in r.Tags) json.WriteStringValue(t);
                json.WriteEndArray();
                json.WriteStartObject("facts");
                foreach (var (name, value) in r.Facts) json.WriteNumber(name, value);
                json.WriteEndObject();
                json.WriteEndObject();
            }
            file.WriteByte((byte)'\n');
            if (++count % 10_000 == 0) await file.FlushAsync(ct).ConfigureAwait(false);
        }
        await file.FlushAsync(ct).ConfigureAwait(false);
    }
}
