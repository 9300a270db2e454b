using System.Globalization;
using System.Text;
using Spectre.Console;

namespace LiveProfile.Cli.Evaluate;

/// <summary>The quality report: per family and per tag, precision, recall and F1 against the goals (0.95 / 0.90), and the worst examples.</summary>
internal static class QualityReport
{
    public const double PrecisionGoal = 0.95, RecallGoal = 0.90;

    public static void Write(IAnsiConsole console, QualityScores scores)
    {
        var table = new Table().AddColumns("tag", "family", "support", "precision", "recall", "F1", "unlinked errors");
        foreach (var t in Ordered(scores)) table.AddRow(Row(t, markup: true));
        table.AddEmptyRow();
        foreach (var f in scores.Families().OrderBy(f => f.Id, StringComparer.Ordinal)) table.AddRow(Row(f, markup: true, family: true));
        table.AddRow(Row(scores.Overall(), markup: true, family: true));
        console.Write(table);
        var below = scores.Tags.Count(t => !MeetsGoals(t));
        console.MarkupLineInterpolated(CultureInfo.InvariantCulture,
            $"{scores.People:N0} people, {scores.MissingProfiles:N0} without a profile; {below} rule tags below precision {PrecisionGoal} or recall {RecallGoal}");
    }

    public static string Markdown(string header, string truthFile, int taxonomyVersion, QualityScores scores, IReadOnlyList<WorstExample> worst)
    {
        var sb = new StringBuilder();
        var c = CultureInfo.InvariantCulture;
        sb.AppendLine(c, $"Ground truth `{Path.GetFileName(truthFile)}`: `{header}`; taxonomy version {taxonomyVersion}.");
        sb.AppendLine();
        sb.AppendLine(c, $"{scores.People:N0} people, {scores.MissingProfiles:N0} without a profile.");
        sb.AppendLine();
        sb.AppendLine("| tag | family | support | precision | recall | F1 | errors on unlinked people |");
        sb.AppendLine("|---|---|---:|---:|---:|---:|---:|");
        foreach (var t in Ordered(scores)) sb.AppendLine("| " + string.Join(" | ", Row(t, markup: false)) + " |");
        foreach (var f in scores.Families().OrderBy(f => f.Id, StringComparer.Ordinal)) sb.AppendLine("| " + string.Join(" | ", Row(f, markup: false, family: true)) + " |");
        sb.AppendLine("| " + string.Join(" | ", Row(scores.Overall(), markup: false, family: true)) + " |");
        sb.AppendLine();
        if (worst.Count > 0)
        {
            sb.AppendLine("Worst examples (the tags with the lowest F1; people with unlinked identities left out), with the server's explanation:");
            sb.AppendLine();
            foreach (var w in worst) sb.AppendLine(c, $"- `{w.Tag}` {w.Error} for `{w.Person}`: {w.Explanation}");
        }
        return sb.ToString();
    }

    private static IEnumerable<TagScore> Ordered(QualityScores scores) =>
        scores.Tags.Where(t => t.Support + t.FalsePositives > 0).OrderBy(t => t.Family, StringComparer.Ordinal).ThenBy(t => t.Id, StringComparer.Ordinal);

    public static bool MeetsGoals(TagScore t) =>
        t.Support + t.FalsePositives == 0 || (!(t.Precision < PrecisionGoal) && !(t.Recall < RecallGoal));

    private static string[] Row(TagScore t, bool markup, bool family = false)
    {
        var c = CultureInfo.InvariantCulture;
        string Value(double v, double goal)
        {
            var text = double.IsNaN(v) ? "–" : v.ToString("F3", c);
            return markup && !double.IsNaN(v) && v < goal ? $"[red]{text}[/]" : text;
        }
        var name = family ? (t.Id == "all" ? "**all rule tags**" : $"**{t.Id}**") : t.Id;
        if (markup) name = Markup.Escape(name.Replace("**", "", StringComparison.Ordinal));
        return [name, family ? "" : t.Family, t.Support.ToString("N0", c), Value(t.Precision, PrecisionGoal), Value(t.Recall, RecallGoal),
            Value(t.F1, 0), t.ErrorsOnUnlinked.ToString("N0", c)];
    }
}
