namespace LiveProfile.Engine.Contract;

/// <summary>A consent change: each purpose is granted, withdrawn, or (null) left as it was.</summary>
public readonly record struct ConsentPurposes(bool? Analytics, bool? Personalization, bool? Marketing);
