using LiveProfile.Engine.Tags.Language;

namespace LiveProfile.Engine.Tests.Tags;

/// <summary>Expression-language injections in the style of the Apache Unomi CVEs are rejected at parse or bind time.</summary>
public sealed class TagSafetyTests
{
    public static TheoryData<string> Injections => new()
    {
        "script::Runtime.getRuntime().exec('id')",
        "@java.lang.Runtime@getRuntime()",
        "@java.lang.Runtime@getRuntime().exec('id')",
        "GetType()",
        "\"\".GetType().Assembly",
        "''.GetType()",
        "typeof(System.Diagnostics.Process)",
        "System.Diagnostics.Process.Start('sh')",
        "T(java.lang.Runtime).getRuntime()",
        "${7*7}",
        "#{7*7}",
        "{{7*7}}",
        "new Object()",
        "new java.lang.ProcessBuilder('id').start()",
        "Activator.CreateInstance('System.Diagnostics.Process')",
        "share('beauty').GetType().Assembly.Load('x')",
        "share('beauty')[0]",
        "x = share('beauty')",
        "(x) => x",
        "share(x => x)",
        "eval('1')",
        "exec('id')",
        "import('os')",
        "__import__('os').system('id')",
        "count('live.comment' + 'x', 30d) >= 1",
        "attr('gender') == 'female'; Process.Start('sh')",
        "share('beauty') >= 0.3 or true || System.Environment.Exit(1)",
        "$category.GetType()",
        "has_tag('x') ? a : b",
        "`id`",
        "share('beauty') >= 0.3 /* comment */",
        "share('beauty') >= 0.3 -- comment",
        "share('beauty') >= 0.3 // comment",
        "\\u0041",
        "share('beauty')\0",
    };

    [Theory]
    [MemberData(nameof(Injections))]
    public void Compile_InjectionAttempt_RejectedWithDiagnostic(string source)
    {
        var compiled = TagExpression.Compile(source);
        Assert.False(compiled.Success);
        var d = Assert.Single(compiled.Diagnostics.Take(1));
        Assert.True(d.Line >= 1 && d.Column >= 1);
        Assert.False(string.IsNullOrWhiteSpace(d.Message));
    }

    [Fact]
    public void Compile_InjectionInStringLiteral_StaysData()
    {
        // A string is only ever data: compared, never executed.
        var e = TagExpression.Compile("attr('city') == '${7*7} T(java.lang.Runtime).getRuntime()'").Expression!;
        var context = new FakeFeatureContext().With("attr('city') = '${7*7} T(java.lang.Runtime).getRuntime()'");
        Assert.True(e.EvaluateBool(context));
        Assert.Equal(["attr('city')"], context.Calls);
    }

    [Fact]
    public void Instantiate_ParameterValueThatLooksLikeCode_StaysData()
    {
        var template = TagExpression.Compile("share($category) >= 30%").Expression!;
        var compiled = template.Instantiate(new Dictionary<string, string> { ["category"] = "x').GetType().Assembly.Load('y" });
        Assert.True(compiled.Success);
        var context = new FakeFeatureContext();
        Assert.False(compiled.Expression!.EvaluateBool(context));
        Assert.Equal(["share('x\\').GetType().Assembly.Load(\\'y')"], context.Calls);
    }

    [Fact]
    public void Catalog_EveryFunction_IsDocumentedTypedAndCosted()
    {
        var catalog = FunctionCatalog.Default;
        Assert.True(catalog.Functions.Count >= 30);
        foreach (var f in catalog.Functions)
        {
            Assert.Matches("^[a-z][a-z_]*$", f.Name);
            Assert.False(string.IsNullOrWhiteSpace(f.Doc));
            Assert.InRange(f.Cost, 1, 8);
            Assert.True(f.Families != FeatureFamilies.None);
            Assert.All(f.Parameters, p => Assert.False(string.IsNullOrWhiteSpace(p.Doc)));
        }
        Assert.Equal(catalog.Functions.Count, catalog.Functions.Select(f => f.Name).Distinct().Count());
    }

    [Fact]
    public void Docs_EveryCatalogFunction_IsDocumented()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(root.FullName, "LiveProfile.slnx"))) root = root.Parent!;
        var docs = File.ReadAllText(Path.Combine(root.FullName, "docs", "tag-language.md"));
        foreach (var f in FunctionCatalog.Default.Functions)
        {
            Assert.Contains($"| `{f.Name}(", docs, StringComparison.Ordinal);
        }
    }
}
