using LiveProfile.Engine.Contract;

namespace LiveProfile.Storage.Privacy;

/// <summary>A raw identifier as given (before normalisation) with its kind.</summary>
internal readonly record struct PseudonymCacheKey(IdentifierKind Kind, string Value);
