namespace LiveProfile.Text;

/// <summary>The comment intents of spec/taxonomy.md ("Comment intents").</summary>
public static class CommentIntents
{
    public const string AskIngredient = "ask_ingredient";
    public const string AskPrice = "ask_price";
    public const string AskSize = "ask_size";
    public const string AskEffect = "ask_effect";
    public const string AskShipping = "ask_shipping";
    public const string AskReview = "ask_review";
    public const string Praise = "praise";
    public const string Complaint = "complaint";
    public const string PurchaseIntent = "purchase_intent";
    public const string Other = "other";

    public static IReadOnlyList<string> All { get; } =
        [AskIngredient, AskPrice, AskSize, AskEffect, AskShipping, AskReview, Praise, Complaint, PurchaseIntent, Other];
}
