namespace LiveProfile.Engine.Tags.Language;

/// <summary>A compiled Number or Duration node; <paramref name="facts"/> is non-null in explain mode.</summary>
internal delegate double NumberEvaluator(IFeatureContext context, List<ExplainedFact>? facts);
