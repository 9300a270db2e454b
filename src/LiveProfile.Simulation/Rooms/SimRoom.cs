namespace LiveProfile.Simulation.Rooms;

/// <summary>A live room (a streamer's channel): what it sells and when it usually goes live.</summary>
internal sealed record SimRoom(int Index, string Id, string Streamer, int[] Categories, int StartHour, int StartMinute, bool LateNight, double Popularity);
