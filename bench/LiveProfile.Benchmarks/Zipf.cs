namespace LiveProfile.Benchmarks;

/// <summary>Zipf(s) over 0..n-1 by inverse CDF: a few users are very active, most appear once or twice.</summary>
internal sealed class Zipf
{
    private readonly double[] _cdf;

    public Zipf(int n, double s = 1.0)
    {
        _cdf = new double[n];
        double sum = 0;
        for (var i = 0; i < n; i++)
        {
            sum += 1.0 / Math.Pow(i + 1, s);
            _cdf[i] = sum;
        }
        for (var i = 0; i < n; i++) _cdf[i] /= sum;
    }

    public int Next(Random random)
    {
        var index = Array.BinarySearch(_cdf, random.NextDouble());
        return index >= 0 ? index : Math.Min(~index, _cdf.Length - 1);
    }
}
