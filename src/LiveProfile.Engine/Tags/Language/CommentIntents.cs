namespace LiveProfile.Engine.Tags.Language;

/// <summary>The comment intents of spec/taxonomy.md, plus <c>question</c> (any <c>ask_*</c>) for <c>intent_count</c>.</summary>
internal static class CommentIntents
{
    public static readonly string[] All =
    [
        "ask_ingredient", "ask_price", "ask_size", "ask_effect", "ask_shipping", "ask_review",
        "praise", "complaint", "purchase_intent", "other", "question",
    ];
}
