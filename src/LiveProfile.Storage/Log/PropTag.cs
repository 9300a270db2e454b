namespace LiveProfile.Storage.Log;

/// <summary>
/// Tags of the <see cref="Engine.Contract.EventProps"/> fields in the event codec. Persisted in the
/// log: append only, never renumber or reuse. The value encoding is implied by the range: strings
/// 1–31, integers 32–47 (zigzag varint), doubles 48–63 (IEEE 754 little-endian), times 64–79
/// (zigzag varint epoch ms), structures 80–127. Tags stay below 128.
/// </summary>
internal enum PropTag : byte
{
    Source = 1,
    Text = 2,
    GiftId = 3,
    Channel = 4,
    CouponId = 5,
    Query = 6,
    OrderId = 7,
    OrderRoom = 8,
    Gender = 9,
    Province = 10,
    City = 11,
    Title = 12,
    Category = 13,
    Brand = 14,
    Streamer = 15,
    SessionRoom = 16,
    Keyword = 17,
    Section = 18,

    Count = 32,
    Qty = 33,
    DurationMs = 34,
    Rating = 35,
    BirthYear = 36,
    Stock = 37,
    Intent = 38,

    Value = 48,
    Total = 49,
    Amount = 50,
    Price = 51,
    Score = 52,
    Confidence = 53,

    UntilMs = 64,
    StartsAtMs = 65,
    RegisteredAtMs = 66,

    Items = 80,
    Labels = 81,
    Ingredients = 82,
    Products = 83,
    LinkedIds = 84,
    Purposes = 85,
}
