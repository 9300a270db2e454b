namespace LiveProfile.Engine.Contract;

/// <summary>One line of a <c>shop.order</c>.</summary>
public readonly record struct OrderItem(string Product, int Qty, double UnitPrice, double Discount);
