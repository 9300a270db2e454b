namespace LiveProfile.Engine.Features;

/// <summary>Scores set by models (churn risk, probability alive, …), read by model tags through <c>model_score</c>.</summary>
public sealed partial class Profile
{
    private ModelScore[]? _models;

    public ReadOnlySpan<ModelScore> ModelScores => _models;

    /// <summary>The score of a model (interned key), NaN until a model sets it.</summary>
    public double ModelScoreOf(int model)
    {
        if (_models is null) return double.NaN;
        foreach (var m in _models) if (m.Model == model) return m.Score;
        return double.NaN;
    }

    internal void SetModelScore(int model, float score)
    {
        if (_models is not null)
        {
            for (var i = 0; i < _models.Length; i++)
            {
                if (_models[i].Model != model) continue;
                _models[i].Score = score;
                return;
            }
        }
        Array.Resize(ref _models, (_models?.Length ?? 0) + 1);
        _models[^1] = new ModelScore(model, score);
    }

    private void MergeModelScores(Profile other)
    {
        // Scores describe the person the model saw; the absorbing profile's own score wins until the model runs again.
        foreach (var m in other.ModelScores) if (double.IsNaN(ModelScoreOf(m.Model))) SetModelScore(m.Model, m.Score);
    }
}

/// <summary>A model (interned key <c>model:…</c>) and the score it set.</summary>
public record struct ModelScore(int Model, float Score);
