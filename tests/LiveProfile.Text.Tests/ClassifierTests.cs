namespace LiveProfile.Text.Tests;

public sealed class ClassifierTests
{
    private static CommentIntentClassifier Classifier => TrainedClassifier.Instance;

    [Theory]
    [InlineData("这个面膜什么成分？敏感肌能用吗", "ask_ingredient")]
    [InlineData("这款精华多少钱", "ask_price")]
    [InlineData("160 100斤穿什么码", "ask_size")]
    [InlineData("洗地机吸力大吗", "ask_effect")]
    [InlineData("新疆包邮吗", "ask_shipping")]
    [InlineData("和戴森比怎么样，有实测吗", "ask_review")]
    [InlineData("回购第三次了yyds", "praise")]
    [InlineData("怎么还没发货", "complaint")]
    [InlineData("已拍", "purchase_intent")]
    [InlineData("主播晚上好", "other")]
    public void Classify_TypicalComments_GetTheirIntent(string comment, string intent) =>
        Assert.Equal(intent, Classifier.Classify(comment).Intent);

    [Fact]
    public void Classify_TraditionalTestComments_AgreeWithTheirSimplifiedForms()
    {
        string[] simplified = ["这个面膜什么时候发货？", "这款精华多少钱？有优惠吗", "还没收到货，质量太差了", "敏感肌能用吗？", "爱了爱了这个口红颜色", "这个耳机降噪效果好吗"];
        string[] traditional = ["這個面膜什麼時候發貨？", "這款精華多少錢？有優惠嗎", "還沒收到貨，質量太差了", "敏感肌能用嗎？", "愛了愛了這個口紅顏色", "這個耳機降噪效果好嗎"];
        for (var i = 0; i < simplified.Length; i++)
        {
            Assert.Equal(Classifier.Classify(simplified[i]), Classifier.Classify(traditional[i]));
        }
    }

    [Theory]
    [InlineData("ssm发货啊😭😭", "ask_shipping")]
    [InlineData("zqsg推荐这款面霜💯💯", "praise")]
    [InlineData("ＹＹＤＳ！！这个吹风机🔥", "praise")]
    [InlineData("dd我 哈哈哈xswl", "other")]
    [InlineData("家人们冲冲冲 已拍🛒", "purchase_intent")]
    public void Classify_EmojiSlangAndPinyinAbbreviations_AreHandled(string comment, string intent) =>
        Assert.Equal(intent, Classifier.Classify(comment).Intent);

    [Fact]
    public void Classify_CompetingCues_LetTheModelChooseAmongThem()
    {
        var prediction = Classifier.Classify("拍了多久发货？");
        Assert.Equal(IntentSource.RuleAndModel, prediction.DecidedBy);
        Assert.Contains(prediction.Intent, new[] { "ask_shipping", "purchase_intent" });
        Assert.InRange(prediction.Confidence, 0f, 1f);
    }

    [Fact]
    public void Classify_NoCue_FallsBackToTheModel()
    {
        var prediction = Classifier.Classify("这个适不适合送长辈呢");
        Assert.Equal(IntentSource.Model, prediction.DecidedBy);
        Assert.Contains(prediction.Intent, CommentIntents.All);
    }

    [Fact]
    public void Train_SameRowsSameSeed_GivesTheSameModel()
    {
        var rows = CommentCorpus.Train.Where((_, i) => i % 3 == 0).ToList();
        var a = CommentIntentClassifier.Train(rows, seed: 7);
        var b = CommentIntentClassifier.Train(rows, seed: 7);
        foreach (var (text, _) in CommentCorpus.Test)
        {
            Assert.Equal(a.ClassifyWithModelOnly(text), b.ClassifyWithModelOnly(text));
        }
    }

    [Fact]
    public void SaveLoad_RoundTrip_PredictsTheSame()
    {
        using var stream = new MemoryStream();
        Classifier.Save(stream);
        stream.Position = 0;
        var loaded = CommentIntentClassifier.Load(stream);
        foreach (var (text, _) in CommentCorpus.Test.Take(100))
        {
            Assert.Equal(Classifier.ClassifyWithModelOnly(text), loaded.ClassifyWithModelOnly(text));
        }
    }

    [Fact]
    public async Task Classify_FromManyThreadsAtOnce_MatchesSequentialResults()
    {
        var texts = CommentCorpus.Test.Select(r => r.Text).ToArray();
        var expected = texts.Select(t => Classifier.Classify(t)).ToArray();
        var tasks = Enumerable.Range(0, 8).Select(worker => Task.Run(() =>
        {
            for (var round = 0; round < 3; round++)
            {
                for (var i = worker; i < texts.Length; i += 2)
                {
                    Assert.Equal(expected[i], Classifier.Classify(texts[i]));
                }
            }
        }));
        await Task.WhenAll(tasks);
    }

    [Fact]
    public void Default_ShippedModel_ClassifiesTheHeldOutSplit()
    {
        var test = CommentCorpus.Test;
        var correct = test.Count(r => CommentIntentClassifier.Default.Classify(r.Text).Intent == r.Intent);
        Assert.True(correct >= 0.9 * test.Count, $"shipped model: {correct}/{test.Count}");
    }
}
