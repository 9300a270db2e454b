using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers.LightGbm;

namespace LiveProfile.Prediction.Churn;

/// <summary>
/// The churn classifier: gradient-boosted trees (ML.NET's LightGBM) over a profile's point-in-time features, the risk
/// read as LightGBM's logistic probability. Deterministic for a seed (one thread).
/// </summary>
internal sealed class ChurnClassifier
{
    private readonly MLContext _ml;
    private readonly ITransformer _model;
    private readonly SchemaDefinition _schema;

    private ChurnClassifier(MLContext ml, ITransformer model, SchemaDefinition schema) => (_ml, _model, _schema) = (ml, model, schema);

    /// <summary>Trains on <paramref name="examples"/>, which must hold both churned and retained profiles.</summary>
    public static ChurnClassifier Train(IReadOnlyList<ChurnExample> examples, int seed = 1)
    {
        ArgumentNullException.ThrowIfNull(examples);
        if (examples.Count == 0) throw new ArgumentException("no examples to train on", nameof(examples));
        var churned = examples.Count(e => e.Label);
        if (churned == 0 || churned == examples.Count) throw new ArgumentException("training needs both churned and retained profiles", nameof(examples));
        var width = examples[0].Features.Length;
        if (examples.Any(e => e.Features.Length != width)) throw new ArgumentException("every example needs the same features", nameof(examples));
        var ml = new MLContext(seed);
        var schema = SchemaOf(width);
        var data = ml.Data.LoadFromEnumerable(examples, schema);
        var trainer = ml.BinaryClassification.Trainers.LightGbm(new LightGbmBinaryTrainer.Options
        {
            LabelColumnName = nameof(ChurnExample.Label),
            FeatureColumnName = nameof(ChurnExample.Features),
            NumberOfIterations = 200,
            LearningRate = 0.05,
            NumberOfLeaves = 15,
            // Small populations must not grow leaves of a handful of profiles.
            MinimumExampleCountPerLeaf = Math.Max(5, Math.Min(50, examples.Count / 100)),
            NumberOfThreads = 1,
            Seed = seed,
            Verbose = false,
        });
        return new ChurnClassifier(ml, trainer.Fit(data), schema);
    }

    /// <summary>The churn risk of each example, in order.</summary>
    public float[] Risks(IReadOnlyList<ChurnExample> examples)
    {
        var scored = _model.Transform(_ml.Data.LoadFromEnumerable(examples, _schema));
        return [.. _ml.Data.CreateEnumerable<ChurnScore>(scored, reuseRowObject: false).Select(s => s.Probability)];
    }

    /// <summary>AUC, Brier score, log-loss and reliability bins of the model on labelled <paramref name="examples"/>.</summary>
    public ChurnEvaluation Evaluate(IReadOnlyList<ChurnExample> examples)
    {
        var risks = Risks(examples);
        var labels = examples.Select(e => e.Label).ToArray();
        return new ChurnEvaluation(examples.Count, labels.Count(l => l) / (double)Math.Max(1, labels.Length), RankMetrics.Auc(risks, labels),
            RankMetrics.Brier(risks, labels), RankMetrics.LogLoss(risks, labels), RankMetrics.Reliability(risks, labels, bins: 10));
    }

    /// <summary>Saves the trained model (ML.NET's zip format) with its input schema.</summary>
    public void Save(Stream stream) => _ml.Model.Save(_model, _ml.Data.LoadFromEnumerable(Array.Empty<ChurnExample>(), _schema).Schema, stream);

    private static SchemaDefinition SchemaOf(int width)
    {
        var schema = SchemaDefinition.Create(typeof(ChurnExample));
        schema[nameof(ChurnExample.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, width);
        return schema;
    }
}
