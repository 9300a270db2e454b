namespace LiveProfile.Engine.Tags.Language;

/// <summary>A compiled String node; <paramref name="facts"/> is non-null in explain mode.</summary>
internal delegate string StringEvaluator(IFeatureContext context, List<ExplainedFact>? facts);
