namespace LiveProfile.Simulation.People;

/// <summary>One simulated person: identifiers, declared attributes, latent traits and tastes.</summary>
internal sealed class SimPerson
{
    public required int Index { get; init; }
    /// <summary>Shop account id; null for viewers who never made an account.</summary>
    public string? Account { get; init; }
    /// <summary>Live platform viewer id.</summary>
    public required string Viewer { get; init; }
    public required string Device { get; init; }
    public required string Nickname { get; init; }
    /// <summary>Noise: the person watches as a viewer id and shops as an account, and nothing links the two.</summary>
    public bool Unlinked { get; init; }
    /// <summary>Noise: the phone's clock is off by this much; its events say so in <c>ts</c> and <c>sentAt</c>.</summary>
    public long ClockSkewMs { get; init; }

    public required Traits Traits { get; init; }
    /// <summary>Relative interest in each top-level category (sums to 1).</summary>
    public required double[] Interest { get; init; }
    /// <summary>From this day on the person's interest moves to <see cref="ShiftCategory"/> (int.MaxValue: never).</summary>
    public int ShiftDay { get; init; } = int.MaxValue;
    public int ShiftCategory { get; init; } = -1;
    /// <summary>From this day the person fades away (int.MaxValue: never).</summary>
    public int ChurnDay { get; init; } = int.MaxValue;
    /// <summary>Live sessions per day when active.</summary>
    public required double LiveRate { get; init; }
    /// <summary>Shop visits per day when active.</summary>
    public required double ShopRate { get; init; }
    /// <summary>The rooms the person watches, favourite first.</summary>
    public required int[] Rooms { get; init; }

    public string? Gender { get; init; }
    public int BirthYear { get; init; }
    public string? Province { get; init; }
    public string? City { get; init; }
    /// <summary>When the account was registered (ms); the person is not active before.</summary>
    public required long RegisteredMs { get; init; }
    /// <summary>Whether the person declares attributes (<c>user.profile</c>).</summary>
    public bool DeclaresProfile { get; init; }
    /// <summary>The category the person re-buys on a cycle (repeat buyers), else -1.</summary>
    public int RepeatCategory { get; init; } = -1;

    // --- mutable run state ---
    public bool Introduced;      // user.profile / identity.link sent
    public bool Followed;        // follows the favourite room
    public long NextRepeatMs = long.MaxValue;

    public bool Has(Traits trait) => (Traits & trait) != 0;

    /// <summary>The identifier ground truth and the quality report address the person by.</summary>
    public string PrimaryId => Account is { } a ? "account:" + a : "viewer:" + Viewer;

    /// <summary>The category the person leans to on <paramref name="day"/>, drawn from their interests.</summary>
    public int DrawCategory(Random random, int day)
    {
        if (day >= ShiftDay && random.NextDouble() < 0.8) return ShiftCategory;
        var x = random.NextDouble();
        for (var c = 0; c < Interest.Length; c++)
        {
            x -= Interest[c];
            if (x <= 0) return c;
        }
        return Interest.Length - 1;
    }

    /// <summary>How interested the person is in a category on a day (0–1).</summary>
    public double InterestIn(int category, int day) =>
        day >= ShiftDay ? (category == ShiftCategory ? 0.8 : 0.2 * Interest[category]) : Interest[category];

    /// <summary>Activity multiplier: 1 until the churn day, then fading to nothing within about ten days.</summary>
    public double Liveliness(int day) => day < ChurnDay ? 1 : Math.Exp(-(day - ChurnDay + 1) / 2.5);
}
