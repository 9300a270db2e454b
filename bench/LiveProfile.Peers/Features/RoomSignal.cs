namespace LiveProfile.Peers.Features;

/// <summary>What a user's event changes in a room: presence (enter, leave) or a funnel stage of a product.</summary>
internal enum RoomSignalKind : byte
{
    Enter,
    Leave,
    Click,
    Cart,
    Order,
}

/// <summary>
/// One room update of one user's event (the engine's <c>PartitionEngine.Rooms.cs</c> and <c>.Funnels.cs</c> make it in
/// the partition): the peers hand it to whoever keeps the room, a room grain in Orleans.
/// </summary>
/// <param name="SinceMs">Enter: when the viewer came in; Leave: when the visit that ends began.</param>
/// <param name="IsNew">Whether the viewer never attended another session of the room (a new viewer).</param>
internal readonly record struct RoomSignal(RoomSignalKind Kind, int Room, int Session, int Product, long TsMs, long SinceMs, bool IsNew);
