namespace LiveProfile.Engine.Contract;

/// <summary>
/// The whole request is rejected and nothing of it may be stored: answer <see cref="StatusCode"/> with a
/// ProblemDetails carrying <see cref="Code"/> (a <see cref="RequestRejectionCode"/> constant) and the message.
/// </summary>
public sealed class RequestRejectedException : Exception
{
    public RequestRejectedException(int statusCode, string code, string message)
        : base(message)
    {
        StatusCode = statusCode;
        Code = code;
    }

    /// <summary>The HTTP status: 400 or 413.</summary>
    public int StatusCode { get; }

    /// <summary>A <see cref="RequestRejectionCode"/> constant.</summary>
    public string Code { get; }
}
