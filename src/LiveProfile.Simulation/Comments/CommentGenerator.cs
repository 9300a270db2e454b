using LiveProfile.Simulation.Catalog;

namespace LiveProfile.Simulation.Comments;

/// <summary>Chinese live-room comments for an intent, about the product on screen: varied phrasing, slang, emoji.</summary>
internal static class CommentGenerator
{
    public static string Write(Random random, Intent intent, SimProduct? product)
    {
        var templates = CommentTemplates.ByIntent[intent];
        var text = templates[random.Next(templates.Length)];
        var noun = product?.Noun ?? "这个";
        var brand = product?.Brand ?? "这家";
        var reference = product is null ? "这个" : Pick(random, CommentTemplates.Refs);
        text = text.Replace("{r}", reference, StringComparison.Ordinal)
            .Replace("{n}", noun, StringComparison.Ordinal)
            .Replace("{b}", brand, StringComparison.Ordinal)
            .Replace("{k}", (1 + random.Next(40)).ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{a}", random.NextDouble() < 0.6 ? Pick(random, CommentTemplates.Address) : "", StringComparison.Ordinal)
            .Replace("{s}", Pick(random, CommentTemplates.Skin), StringComparison.Ordinal)
            .Replace("{h}", Pick(random, CommentTemplates.Height), StringComparison.Ordinal)
            .Replace("{w}", Pick(random, CommentTemplates.Weight), StringComparison.Ordinal)
            .Replace("{c}", Pick(random, CommentTemplates.Places), StringComparison.Ordinal)
            .Replace("{x}", Pick(random, CommentTemplates.Couriers), StringComparison.Ordinal)
            .Replace("{q}", intent.IsQuestion() ? Pick(random, CommentTemplates.QuestionEnds) : "", StringComparison.Ordinal);
        while (text.Contains("{e}", StringComparison.Ordinal))
        {
            var at = text.IndexOf("{e}", StringComparison.Ordinal);
            text = string.Concat(text.AsSpan(0, at), Pick(random, CommentTemplates.Emoji), text.AsSpan(at + 3));
        }
        if (random.NextDouble() < 0.15)
        {
            var (from, to) = CommentTemplates.Slang[random.Next(CommentTemplates.Slang.Length)];
            var at = text.IndexOf(from, StringComparison.Ordinal);
            if (at >= 0) text = string.Concat(text.AsSpan(0, at), to, text.AsSpan(at + from.Length));
        }
        if (random.NextDouble() < 0.25) text += string.Concat(Enumerable.Repeat(Pick(random, CommentTemplates.Emoji), 1 + random.Next(3)));
        return text.Trim().Length == 0 ? "666" : text.Trim();
    }

    private static string Pick(Random random, string[] items) => items[random.Next(items.Length)];
}
