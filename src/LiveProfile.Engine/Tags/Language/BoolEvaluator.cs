namespace LiveProfile.Engine.Tags.Language;

/// <summary>A compiled Bool node; <paramref name="facts"/> is non-null in explain mode (then and/or do not short-circuit).</summary>
internal delegate bool BoolEvaluator(IFeatureContext context, List<ExplainedFact>? facts);
