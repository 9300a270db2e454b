using System.Globalization;
using System.Text;

namespace LiveProfile.Text.Tests;

/// <summary>Per-intent precision/recall/F1 and the confusion matrix of one classifier on labelled rows.</summary>
internal sealed class IntentEvaluation
{
    private readonly int[,] confusion; // [actual, predicted]
    private readonly string[] intents;

    public IntentEvaluation(IReadOnlyList<(string Text, string Intent)> rows, Func<string, string> classify)
    {
        intents = [.. CommentIntents.All];
        confusion = new int[intents.Length, intents.Length];
        foreach (var (text, intent) in rows)
        {
            confusion[Array.IndexOf(intents, intent), Array.IndexOf(intents, classify(text))]++;
        }
        Total = rows.Count;
    }

    public int Total { get; }

    public double Accuracy
    {
        get
        {
            var correct = 0;
            for (var i = 0; i < intents.Length; i++)
            {
                correct += confusion[i, i];
            }
            return (double)correct / Total;
        }
    }

    public double Recall(string intent)
    {
        var i = Array.IndexOf(intents, intent);
        var actual = 0;
        for (var j = 0; j < intents.Length; j++)
        {
            actual += confusion[i, j];
        }
        return actual == 0 ? 0 : (double)confusion[i, i] / actual;
    }

    public double Precision(string intent)
    {
        var j = Array.IndexOf(intents, intent);
        var predicted = 0;
        for (var i = 0; i < intents.Length; i++)
        {
            predicted += confusion[i, j];
        }
        return predicted == 0 ? 0 : (double)confusion[j, j] / predicted;
    }

    public string MetricsTable()
    {
        var sb = new StringBuilder("| intent | precision | recall | F1 |\n|---|---|---|---|\n");
        foreach (var intent in intents)
        {
            var p = Precision(intent);
            var r = Recall(intent);
            var f1 = p + r == 0 ? 0 : 2 * p * r / (p + r);
            sb.Append(CultureInfo.InvariantCulture, $"| `{intent}` | {p:0.000} | {r:0.000} | {f1:0.000} |\n");
        }
        return sb.ToString();
    }

    public string ConfusionTable()
    {
        var sb = new StringBuilder("| actual \\ predicted |");
        foreach (var intent in intents)
        {
            sb.Append(' ').Append(Short(intent)).Append(" |");
        }
        sb.Append("\n|---|").Append(string.Concat(Enumerable.Repeat("---|", intents.Length))).Append('\n');
        for (var i = 0; i < intents.Length; i++)
        {
            sb.Append("| `").Append(intents[i]).Append("` |");
            for (var j = 0; j < intents.Length; j++)
            {
                sb.Append(' ').Append(confusion[i, j].ToString(CultureInfo.InvariantCulture)).Append(" |");
            }
            sb.Append('\n');
        }
        return sb.ToString();
    }

    private static string Short(string intent) => intent.Replace("ask_", string.Empty, StringComparison.Ordinal).Replace("purchase_intent", "purchase", StringComparison.Ordinal);
}
