namespace LiveProfile.Simulation.Comments;

/// <summary>What a simulated viewer means by a comment (the ground truth; the server classifies the text on its own).</summary>
internal enum Intent : byte
{
    AskIngredient, AskPrice, AskSize, AskEffect, AskShipping, AskReview, Praise, Complaint, PurchaseIntent, Other,
}

internal static class IntentExtensions
{
    public static bool IsQuestion(this Intent intent) => intent <= Intent.AskReview;
}
