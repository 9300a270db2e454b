using System.Globalization;

namespace LiveProfile.Prediction.Tests;

/// <summary>The CDNOW calibration-period summaries in tests/data/cdnow, found by walking up from the test binaries.</summary>
internal static class ReferenceData
{
    private static readonly Lazy<string> Directory = new(FindDirectory);
    private static readonly Lazy<IReadOnlyList<RepeatPurchaseSummary>> Summaries = new(() => Load("cdnow_customers_summary.csv", withSpend: false));
    private static readonly Lazy<IReadOnlyList<RepeatPurchaseSummary>> SummariesWithSpend = new(() => Load("cdnow_customers_summary_with_transactions.csv", withSpend: true));

    /// <summary>ID,frequency,recency,T: the 2,357 customers of the 1/10 sample, in weeks.</summary>
    public static IReadOnlyList<RepeatPurchaseSummary> CdnowSummary => Summaries.Value;

    /// <summary>ID,x,t_x,T,zbar: the same customers with their mean repeat spend.</summary>
    public static IReadOnlyList<RepeatPurchaseSummary> CdnowSummaryWithSpend => SummariesWithSpend.Value;

    private static string FindDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "data", "cdnow");
            if (File.Exists(Path.Combine(candidate, "README.md")))
            {
                return candidate;
            }
        }
        throw new DirectoryNotFoundException($"No tests/data/cdnow/README.md above {AppContext.BaseDirectory}.");
    }

    private static List<RepeatPurchaseSummary> Load(string file, bool withSpend)
    {
        var customers = new List<RepeatPurchaseSummary>();
        foreach (var line in File.ReadLines(Path.Combine(Directory.Value, file)).Skip(1))
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }
            var f = line.TrimEnd('\r').Split(',');
            customers.Add(new RepeatPurchaseSummary(
                int.Parse(f[1], CultureInfo.InvariantCulture),
                double.Parse(f[2], CultureInfo.InvariantCulture),
                double.Parse(f[3], CultureInfo.InvariantCulture),
                withSpend ? double.Parse(f[4], CultureInfo.InvariantCulture) : 0));
        }
        return customers;
    }
}
