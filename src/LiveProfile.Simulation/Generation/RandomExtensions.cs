namespace LiveProfile.Simulation.Generation;

internal static class RandomExtensions
{
    /// <summary>Poisson draw (Knuth; the simulator's rates are small).</summary>
    public static int Poisson(this Random random, double mean)
    {
        if (mean <= 0) return 0;
        var limit = Math.Exp(-Math.Min(mean, 30));
        var k = 0;
        var p = random.NextDouble();
        while (p > limit)
        {
            k++;
            p *= random.NextDouble();
        }
        return k;
    }

    public static double Exponential(this Random random, double mean) => -mean * Math.Log(1 - random.NextDouble());

    public static double LogNormal(this Random random, double median, double sigma) =>
        median * Math.Exp(sigma * People.PopulationBuilder.NextGaussian(random));

    public static T Pick<T>(this Random random, IReadOnlyList<T> items) => items[random.Next(items.Count)];

    public static bool Chance(this Random random, double p) => random.NextDouble() < p;
}
