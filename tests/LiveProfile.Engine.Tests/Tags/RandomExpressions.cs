using System.Globalization;
using System.Text;
using LiveProfile.Engine.Contract;
using LiveProfile.Engine.Tags.Language;

namespace LiveProfile.Engine.Tests.Tags;

/// <summary>Builds random well-typed expressions from the catalogue (valid constant arguments), counting the calls it writes.</summary>
internal sealed class RandomExpressions(Random random)
{
    private static readonly string[] UserEvents = [.. EventTypes.All.Where(t => t.RequiresUser()).Select(t => t.WireName())];
    private static readonly string[] Categories = ["beauty", "appliance", "digital", "food", "beauty/skincare", "国潮"];

    public int Calls { get; private set; }

    private bool Chance(double p) => random.NextDouble() < p;

    private T Pick<T>(IReadOnlyList<T> items) => items[random.Next(items.Count)];

    private static string N(double v) => v.ToString("0.###", CultureInfo.InvariantCulture);

    public string Bool(int depth)
    {
        if (depth <= 0 || Chance(0.25))
        {
            return random.Next(6) switch
            {
                0 => Chance(0.5) ? "true" : "false",
                1 => $"{Number(depth - 1)} {Pick(["<", "<=", ">", ">=", "==", "!="])} {Number(depth - 1)}",
                2 => $"{Duration(depth - 1)} {Pick(["<", ">=", "=="])} {Duration(depth - 1)}",
                3 => $"{Text()} {Pick(["==", "!="])} '{Pick(Categories)}'",
                _ => Call(TagValueType.Bool),
            };
        }
        return random.Next(4) switch
        {
            0 => $"{Bool(depth - 1)} {Pick(["and", "&&"])} {Bool(depth - 1)}",
            1 => $"{Bool(depth - 1)} {Pick(["or", "||"])} {Bool(depth - 1)}",
            2 => $"{Pick(["not ", "!"])}({Bool(depth - 1)})",
            _ => $"({Bool(depth - 1)})",
        };
    }

    public string Number(int depth)
    {
        if (depth <= 0 || Chance(0.4))
        {
            return random.Next(4) switch
            {
                0 => N(random.Next(0, 5000) / Pick([1.0, 10.0, 100.0])),
                1 => $"{random.Next(0, 101)}%",
                _ => Call(TagValueType.Number),
            };
        }
        return random.Next(4) switch
        {
            0 => $"({Number(depth - 1)}) {Pick(["+", "-", "*", "/"])} ({Number(depth - 1)})",
            1 => $"-({Number(depth - 1)})",
            2 => $"({Duration(depth - 1)}) / ({Duration(depth - 1)})",
            _ => $"({Number(depth - 1)})",
        };
    }

    public string Duration(int depth)
    {
        if (depth <= 0 || Chance(0.5))
            return Chance(0.5) ? $"{random.Next(0, 100)}{Pick(["d", "h", "m", "s"])}" : Call(TagValueType.Duration);
        return random.Next(3) switch
        {
            0 => $"({Duration(depth - 1)}) {Pick(["+", "-"])} ({Duration(depth - 1)})",
            1 => $"({Duration(depth - 1)}) * ({Number(depth - 1)})",
            _ => $"({Duration(depth - 1)}) / ({Number(depth - 1)})",
        };
    }

    private string Text() => Chance(0.8) ? Call(TagValueType.String) : "$category";

    private string Call(TagValueType type)
    {
        var functions = FunctionCatalog.Default.Functions.Where(f => f.ReturnType == type).ToList();
        var function = Pick(functions);
        var count = function.RequiredCount + random.Next(function.Parameters.Count - function.RequiredCount + 1);
        var builder = new StringBuilder(function.Name).Append('(');
        for (var i = 0; i < count; i++)
        {
            if (i > 0) builder.Append(", ");
            builder.Append(Argument(function.Parameters[i].Kind));
        }
        Calls++;
        return builder.Append(')').ToString();
    }

    private string Argument(ArgumentKind kind) => kind switch
    {
        ArgumentKind.EventType => $"'{Pick(UserEvents)}'",
        ArgumentKind.Intent => $"'{Pick(CommentIntents.All)}'",
        ArgumentKind.Attribute => $"'{Pick(["gender", "province", "city"])}'",
        ArgumentKind.Category => Chance(0.2) ? "$category" : $"'{Pick(Categories)}'",
        ArgumentKind.AffinityKey => $"'{Pick(["brand:花西子", "cat:beauty", "price:100-300", "label:国潮"])}'",
        ArgumentKind.Label => "'国潮'",
        ArgumentKind.Room => $"'room-{random.Next(10)}'",
        ArgumentKind.Model => $"'{Pick(["churn", "p_alive", "clv"])}'",
        ArgumentKind.Tag => $"'{Pick(["interest:beauty", "loyal_fan", "interest"])}'",
        ArgumentKind.Window => Chance(0.2) ? $"{random.Next(1, 26)}d * 7" : $"{random.Next(1, 181)}d",
        ArgumentKind.Gap => $"{random.Next(0, 181)}d",
        ArgumentKind.Hour => $"{random.Next(0, 24)}",
        ArgumentKind.HourEnd => $"{random.Next(1, 25)}",
        ArgumentKind.SessionCount => $"{random.Next(1, 65)}",
        _ => throw new InvalidOperationException(kind.ToString()),
    };
}
