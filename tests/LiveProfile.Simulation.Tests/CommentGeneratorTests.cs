using LiveProfile.Simulation.Catalog;
using LiveProfile.Simulation.Comments;
using LiveProfile.Engine.Contract;
using LiveProfile.Text;
using Xunit.Abstractions;

namespace LiveProfile.Simulation.Tests;

public sealed class CommentGeneratorTests(ITestOutputHelper output)
{
    [Fact]
    public void Write_EveryIntent_ClassifierReadsMostAsMeant()
    {
        // The simulator's comments are phrased independently of the classifier's training templates;
        // the server must still read what the viewer meant most of the time, or the tags built on intents drift.
        var catalog = new ProductCatalog(40, seed: 1);
        var random = new Random(3);
        var classifier = CommentIntentClassifier.Default;
        var wrong = new Dictionary<(Intent, string), int>();
        var total = 0;
        var right = 0;
        foreach (var intent in Enum.GetValues<Intent>())
        {
            var agree = 0;
            for (var i = 0; i < 300; i++)
            {
                var product = catalog.Products[random.Next(catalog.Products.Count)];
                var text = CommentGenerator.Write(random, intent, product);
                var read = classifier.Classify(text).Intent;
                if (read == Wire(intent)) agree++;
                else
                {
                    wrong[(intent, read)] = wrong.GetValueOrDefault((intent, read)) + 1;
                    if (wrong[(intent, read)] <= 3) output.WriteLine($"  {intent} read as {read}: {text}");
                }
            }
            output.WriteLine($"{intent}: {agree / 300.0:P0} read as meant");
            Assert.True(agree >= 0.8 * 300, $"{intent}: only {agree} of 300 read as meant");
            total += 300;
            right += agree;
        }
        foreach (var ((meant, read), n) in wrong.OrderByDescending(x => x.Value).Take(15)) output.WriteLine($"  {meant} read as {read}: {n}");
        Assert.True(right >= 0.9 * total, $"{right} of {total}");
    }

    [Fact]
    public void Write_SameSeed_SameText()
    {
        var catalog = new ProductCatalog(10, seed: 1);
        var a = Enumerable.Range(0, 50).Select(i => CommentGenerator.Write(new Random(i), Intent.AskPrice, catalog.Products[i % catalog.Products.Count]));
        var b = Enumerable.Range(0, 50).Select(i => CommentGenerator.Write(new Random(i), Intent.AskPrice, catalog.Products[i % catalog.Products.Count]));
        Assert.Equal(a, b);
    }

    private static string Wire(Intent intent) => ((LiveProfile.Engine.Contract.CommentIntent)(byte)intent).WireName();
}
