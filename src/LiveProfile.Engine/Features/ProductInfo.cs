namespace LiveProfile.Engine.Features;

/// <summary>
/// The catalog join of one product: feature keys it contributes to (every category level, brand,
/// price band, labels) and the top-level category it counts under in windows.
/// </summary>
public sealed class ProductInfo
{
    public required int ProductKey { get; init; }
    public required int TopCategoryKey { get; init; }
    /// <summary>Affinity keys: every level of the category path, brand, price band, labels.</summary>
    public required int[] AffinityKeys { get; init; }
    public required double Price { get; init; }
    public required string CategoryPath { get; init; }
    public string? Brand { get; init; }
    public required string[] Labels { get; init; }
    public required string[] Ingredients { get; init; }
    public required string Title { get; init; }
}
