namespace LiveProfile.Server.Models;

/// <summary>Why a model fit could not run: a stable code for the ProblemDetails answer.</summary>
internal sealed class ModelFitException(string code, string message) : Exception(message)
{
    public string Code { get; } = code;
}
