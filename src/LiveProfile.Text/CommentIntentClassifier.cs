namespace LiveProfile.Text;

/// <summary>
/// Classifies a live-room comment into one of <see cref="CommentIntents.All"/>. Lexicon cues
/// decide when they point at one intent (high precision, no model call); when cues of several
/// intents match the model picks among those; when none match the model decides alone.
/// Safe for concurrent <see cref="Classify"/> calls.
/// </summary>
public sealed class CommentIntentClassifier
{
    private const string ShippedModelResource = "LiveProfile.Text.comment-intents.zip";
    private static readonly Lazy<CommentIntentClassifier> DefaultInstance = new(LoadShipped, LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly IntentModel model;
    private readonly CommentSegmenter segmenter = CommentSegmenter.Shared;

    private CommentIntentClassifier(IntentModel model) => this.model = model;

    /// <summary>
    /// The classifier shipped with the library (Models/comment-intents.zip, trained on the train
    /// split of datasets/comments/comments.tsv), loaded on first use.
    /// </summary>
    public static CommentIntentClassifier Default => DefaultInstance.Value;

    /// <summary>Trains the model half on labelled comments; the same rows and seed give the same model.</summary>
    public static CommentIntentClassifier Train(IEnumerable<(string Text, string Intent)> examples, int seed = 1)
    {
        ArgumentNullException.ThrowIfNull(examples);
        var segmenter = CommentSegmenter.Shared;
        var rows = examples.Select(e => (Tokens(segmenter, e.Text), e.Intent)).ToList();
        return new CommentIntentClassifier(IntentModel.Train(rows, seed));
    }

    public static CommentIntentClassifier Load(Stream stream) => new(IntentModel.Load(stream));

    public void Save(Stream stream) => model.Save(stream);

    public IntentPrediction Classify(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var normalized = TextNormalizer.Normalize(text);
        var cues = IntentLexicon.Match(normalized);
        if (cues.Count == 1)
        {
            // One intent's cues and no competitor: trust the lexicon, more cues more so.
            return new IntentPrediction(cues[0].Intent, 1f - 0.1f / cues[0].Cues, IntentSource.Rule);
        }
        var scores = model.Score(string.Join(' ', segmenter.SegmentNormalized(normalized)));
        var best = -1;
        for (var i = 0; i < scores.Length; i++)
        {
            if (cues.Count > 0 && !Fired(cues, model.Labels[i]))
            {
                continue;
            }
            if (best < 0 || scores[i] > scores[best])
            {
                best = i;
            }
        }
        if (best < 0)
        {
            return new IntentPrediction(CommentIntents.Other, 0f, IntentSource.Model);
        }
        return cues.Count == 0
            ? new IntentPrediction(model.Labels[best], scores[best], IntentSource.Model)
            : new IntentPrediction(model.Labels[best], scores[best] / SumFired(cues, scores), IntentSource.RuleAndModel);
    }

    /// <summary>The model's answer alone, bypassing the lexicon (for evaluation).</summary>
    internal IntentPrediction ClassifyWithModelOnly(string text)
    {
        var scores = model.Score(string.Join(' ', segmenter.Segment(text)));
        var best = 0;
        for (var i = 1; i < scores.Length; i++)
        {
            if (scores[i] > scores[best])
            {
                best = i;
            }
        }
        return new IntentPrediction(model.Labels[best], scores[best], IntentSource.Model);
    }

    internal static string Tokens(CommentSegmenter segmenter, string text) => string.Join(' ', segmenter.Segment(text));

    private static bool Fired(List<(string Intent, int Cues)> cues, string intent)
    {
        foreach (var cue in cues)
        {
            if (cue.Intent == intent)
            {
                return true;
            }
        }
        return false;
    }

    private float SumFired(List<(string Intent, int Cues)> cues, float[] scores)
    {
        var sum = 0f;
        for (var i = 0; i < scores.Length; i++)
        {
            if (Fired(cues, model.Labels[i]))
            {
                sum += scores[i];
            }
        }
        return sum > 0 ? sum : 1f;
    }

    private static CommentIntentClassifier LoadShipped()
    {
        using var stream = typeof(CommentIntentClassifier).Assembly.GetManifestResourceStream(ShippedModelResource)
            ?? throw new InvalidOperationException($"the shipped model {ShippedModelResource} is missing; train one with CommentIntentClassifier.Train");
        // ML.NET needs a seekable stream to open the zip.
        var copy = new MemoryStream();
        stream.CopyTo(copy);
        copy.Position = 0;
        return Load(copy);
    }
}
