namespace LiveProfile.Engine.Contract;

/// <summary>
/// The comment intents of spec/taxonomy.md. The ingest path classifies each <c>live.comment</c>
/// once and the intent travels with the event in the log, so replay never re-runs the classifier
/// and gives the same profile. Values are stored: never renumber.
/// </summary>
public enum CommentIntent : byte
{
    AskIngredient = 0,
    AskPrice = 1,
    AskSize = 2,
    AskEffect = 3,
    AskShipping = 4,
    AskReview = 5,
    Praise = 6,
    Complaint = 7,
    PurchaseIntent = 8,
    Other = 9,
}

/// <summary>Wire names of <see cref="CommentIntent"/>.</summary>
public static class CommentIntents
{
    /// <summary>Number of intents; the <c>ask_*</c> ones are the first <see cref="QuestionCount"/>.</summary>
    public const int Count = 10;

    public const int QuestionCount = 6;

    private static readonly string[] Names =
    [
        "ask_ingredient", "ask_price", "ask_size", "ask_effect", "ask_shipping", "ask_review",
        "praise", "complaint", "purchase_intent", "other",
    ];

    public static IReadOnlyList<string> All => Names;

    public static string WireName(this CommentIntent intent) => Names[(int)intent];

    public static bool TryParse(string name, out CommentIntent intent)
    {
        var index = Array.IndexOf(Names, name);
        intent = index < 0 ? CommentIntent.Other : (CommentIntent)index;
        return index >= 0;
    }

    public static bool IsQuestion(this CommentIntent intent) => (int)intent < QuestionCount;

    /// <summary>A stored intent value, validated (a corrupt value must not index past the counters).</summary>
    public static CommentIntent Checked(long value) =>
        value is >= 0 and < Count ? (CommentIntent)value : throw new InvalidDataException($"unknown comment intent {value}");
}

/// <summary>Classifies a comment's text (LiveProfile.Text implements it with jieba + lexicon + ML.NET). Thread-safe.</summary>
public interface ICommentIntentClassifier
{
    CommentIntent Classify(string text);
}
