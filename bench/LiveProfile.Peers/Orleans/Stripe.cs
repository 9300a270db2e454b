using LiveProfile.Engine.Memory;

namespace LiveProfile.Peers.Orleans;

/// <summary>A slab set and the lock that serialises the grains using it.</summary>
internal sealed class Stripe
{
    public Lock Gate { get; } = new();
    public ProfileSlabs Slabs { get; } = new();
}
