using System.Globalization;
using System.Text.Json;

namespace LiveProfile.Cli.Reference;

/// <summary>
/// The CDNOW purchase records (Fader, Hardie &amp; Lee 2005; tests/data/cdnow) as <c>shop.order</c> events, so that the
/// reference data reaches the customer-value models through ingestion like any shop's orders. Both layouts are read:
/// the master file (<c>customer date cds dollars</c>, a header line) and the 1/10 sample (<c>id sample_id date cds
/// dollars</c>). Each record becomes one order of the customer's account at local noon (UTC+8) of its day.
/// </summary>
internal static class CdnowOrders
{
    public static IEnumerable<string> ToEvents(TextReader reader)
    {
        var number = 0;
        for (var line = reader.ReadLine(); line is not null; line = reader.ReadLine())
        {
            number++;
            var fields = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length == 0 || (number == 1 && !char.IsDigit(fields[0][0]))) continue; // blank, or the master file's header
            if (fields.Length is not (4 or 5)) throw new FormatException($"line {number}: expected 4 or 5 fields, got {fields.Length}");
            var (customer, date, cds, dollars) = fields.Length == 4 ? (fields[0], fields[1], fields[2], fields[3]) : (fields[0], fields[2], fields[3], fields[4]);
            if (!DateOnly.TryParseExact(date, "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
                || !int.TryParse(cds, CultureInfo.InvariantCulture, out var quantity)
                || !double.TryParse(dollars, NumberStyles.Float, CultureInfo.InvariantCulture, out var total) || total < 0 || quantity < 0)
            {
                throw new FormatException($"line {number}: not a CDNOW purchase record: {line.Trim()}");
            }
            var account = int.Parse(customer, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture);
            var ts = $"{day:yyyy-MM-dd}T12:00:00+08:00";
            var unitPrice = quantity > 0 ? Math.Round(total / quantity, 4) : total;
            yield return JsonSerializer.Serialize(new
            {
                id = $"cdnow-{number}",
                type = "shop.order",
                ts,
                user = new { accountId = $"cdnow-{account}" },
                props = new
                {
                    orderId = $"cdnow-{number}",
                    items = new[] { new { product = "cdnow-cd", qty = Math.Max(1, quantity), unitPrice, discount = 0 } },
                    total,
                },
            });
        }
    }
}
