namespace LiveProfile.Engine.Tags.Language;

/// <summary>Stable codes of <see cref="Diagnostic"/>: TL0xx are lexical and syntactic, TL1xx binding, TL2xx limits.</summary>
public static class DiagnosticCodes
{
    public const string UnexpectedCharacter = "TL001";
    public const string UnterminatedString = "TL002";
    public const string InvalidEscape = "TL003";
    public const string InvalidNumber = "TL004";
    public const string UnexpectedToken = "TL005";
    public const string MemberAccess = "TL006";
    public const string Indexing = "TL007";
    public const string Assignment = "TL008";
    public const string Lambda = "TL009";
    public const string ChainedComparison = "TL010";
    public const string UnknownIdentifier = "TL011";
    public const string InvalidParameterName = "TL012";

    public const string UnknownFunction = "TL101";
    public const string WrongArgumentCount = "TL102";
    public const string ArgumentType = "TL103";
    public const string ArgumentNotConstant = "TL104";
    public const string InvalidArgument = "TL105";
    public const string OperatorType = "TL106";
    public const string ResultType = "TL107";
    public const string MissingParameter = "TL108";

    public const string SourceTooLong = "TL201";
    public const string TooDeep = "TL202";
    public const string TooManyNodes = "TL203";
    public const string TooCostly = "TL204";
}
