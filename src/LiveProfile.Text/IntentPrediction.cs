namespace LiveProfile.Text;

/// <summary>Which part of the classifier decided an intent.</summary>
public enum IntentSource
{
    /// <summary>Lexicon cues of exactly one intent matched; the model was not consulted.</summary>
    Rule,
    /// <summary>No cue matched; the trained model decided alone.</summary>
    Model,
    /// <summary>Cues of several intents matched; the model chose among them.</summary>
    RuleAndModel,
}

/// <summary>The intent of one comment, how sure the classifier is (0–1), and what decided it.</summary>
public readonly record struct IntentPrediction(string Intent, float Confidence, IntentSource DecidedBy);
