using System.Collections.Concurrent;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;
using Microsoft.ML.Transforms;
using Microsoft.ML.Transforms.Text;

namespace LiveProfile.Text;

/// <summary>
/// The trained half of the classifier: ML.NET text featurisation (jieba tokens as word uni-
/// and bigrams, plus character 1–3-grams, which carry typos and unseen compounds) feeding an
/// SDCA maximum-entropy multiclass model. Single-threaded SDCA with a seeded MLContext makes
/// training reproducible. PredictionEngine is not thread-safe, so engines are pooled.
/// </summary>
internal sealed class IntentModel
{
    private readonly MLContext ml;
    private readonly ITransformer transformer;
    private readonly DataViewSchema inputSchema;
    private readonly ConcurrentBag<PredictionEngine<CommentRow, CommentScore>> engines = [];

    private IntentModel(MLContext ml, ITransformer transformer, DataViewSchema inputSchema)
    {
        this.ml = ml;
        this.transformer = transformer;
        this.inputSchema = inputSchema;
        Labels = ReadLabels(transformer.GetOutputSchema(inputSchema));
    }

    /// <summary>Intent of each score slot.</summary>
    public string[] Labels { get; }

    public static IntentModel Train(IEnumerable<(string Tokens, string Intent)> rows, int seed)
    {
        var ml = new MLContext(seed);
        var data = ml.Data.LoadFromEnumerable(rows.Select(r => new CommentRow { Tokens = r.Tokens, Intent = r.Intent }));
        var text = new TextFeaturizingEstimator.Options
        {
            CaseMode = TextNormalizingEstimator.CaseMode.None,
            KeepDiacritics = true,
            KeepPunctuations = true,
            KeepNumbers = true,
            StopWordsRemoverOptions = null,
            WordFeatureExtractor = new WordBagEstimator.Options { NgramLength = 2, UseAllLengths = true },
            CharFeatureExtractor = new WordBagEstimator.Options { NgramLength = 3, UseAllLengths = true },
            Norm = TextFeaturizingEstimator.NormFunction.L2,
        };
        var trainer = new SdcaMaximumEntropyMulticlassTrainer.Options
        {
            LabelColumnName = "Label",
            FeatureColumnName = "Features",
            NumberOfThreads = 1,
        };
        var pipeline = ml.Transforms.Conversion.MapValueToKey("Label", nameof(CommentRow.Intent), keyOrdinality: ValueToKeyMappingEstimator.KeyOrdinality.ByValue)
            .Append(ml.Transforms.Text.FeaturizeText("Features", text, nameof(CommentRow.Tokens)))
            .Append(ml.MulticlassClassification.Trainers.SdcaMaximumEntropy(trainer))
            .Append(ml.Transforms.Conversion.MapKeyToValue("PredictedLabel"));
        return new IntentModel(ml, pipeline.Fit(data), data.Schema);
    }

    public static IntentModel Load(Stream stream)
    {
        var ml = new MLContext(0);
        var transformer = ml.Model.Load(stream, out var schema);
        return new IntentModel(ml, transformer, schema);
    }

    public void Save(Stream stream) => ml.Model.Save(transformer, inputSchema, stream);

    /// <summary>Probability per slot of <see cref="Labels"/> for space-joined tokens.</summary>
    public float[] Score(string tokens)
    {
        if (!engines.TryTake(out var engine))
        {
            engine = ml.Model.CreatePredictionEngine<CommentRow, CommentScore>(transformer, inputSchema);
        }
        try
        {
            return engine.Predict(new CommentRow { Tokens = tokens, Intent = string.Empty }).Score;
        }
        finally
        {
            engines.Add(engine);
        }
    }

    private static string[] ReadLabels(DataViewSchema output)
    {
        VBuffer<ReadOnlyMemory<char>> names = default;
        output["Score"].GetSlotNames(ref names);
        return names.DenseValues().Select(n => n.ToString()).ToArray();
    }

    internal sealed class CommentRow
    {
        public string Tokens { get; set; } = string.Empty;
        public string Intent { get; set; } = string.Empty;
    }

    internal sealed class CommentScore
    {
        public float[] Score { get; set; } = [];
    }
}
