namespace LiveProfile.Simulation.Catalog;

/// <summary>One product of the simulated catalog (a <c>catalog.product</c> event).</summary>
internal sealed record SimProduct(
    int Index,
    string Id,
    string Title,
    int Category,          // index into CatalogData.Categories
    string CategoryPath,
    string Noun,           // what viewers call it in chat: 精华, 空气炸锅, …
    string Brand,
    double Price,
    string[] Labels,
    string[]? Ingredients)
{
    public bool IsGuochao => Array.IndexOf(Labels, "国潮") >= 0;
}
