using FsCheck;
using FsCheck.Fluent;
using Pipeline.Core.Canonical;
using Pipeline.Core.Diagnostics;
using Pipeline.Core.Tracking;
using Pipeline.Core.Tracking.Search;
using static Pipeline.Core.Tests.Tracking.Search.SearchRuns;

namespace Pipeline.Core.Tests.Tracking.Search;

public sealed class RunFilterTests
{
    private static readonly RunRecord Sft = Run("a", [("lr", Value.From(2e-5)), ("model", Value.From("llama")), ("lora_r", Value.From(16))],
        [("loss", 0.4, 0.45)], [("method", "sft")], "sft", [("mmlu", "acc", 0.61)]);

    private static readonly RunRecord Dpo = Run("b", [("lr", Value.From(5e-5)), ("model", Value.From("mistral"))],
        [("train/loss", 0.7, 0.9)], [("method", "dpo")], "dpo", [("mmlu", "acc", 0.66)], RunStatus.Failed);

    private static readonly RunRecord Bare = Run("c");

    public static TheoryData<string, string> Cases => new()
    {
        { "params.lr < 3e-5 and metrics.loss.min < 0.5 and tags.method = 'sft'", "a" },
        { "params.lr >= 2e-5", "a,b" },
        { "params.lr > 2e-5", "b" },
        { "params.lr = 0.00002", "a" },
        { "params.lora_r = 16", "a" },
        { "params.lora_r = '16'", "a" },
        { "params.model LIKE 'll%'", "a" },
        { "params.model LIKE 'LL%'", "" },
        { "params.model ILIKE 'LL%'", "a" },
        { "params.model LIKE '_istra_'", "b" },
        { "params.model IN ('llama', 'qwen')", "a" },
        { "params.model NOT IN ('llama')", "b" },
        { "params.model != 'llama'", "b" },
        { "metrics.loss < 1", "a" },
        { "metrics.loss.last <= 0.45", "a" },
        { "metrics.`train/loss`.max > 0.8", "b" },
        { "metrics.train/loss.min = 0.7", "b" },
        { "evals.mmlu.acc > 0.65", "b" },
        { "evals.acc > 0.6", "a,b" },
        { "status = 'failed'", "b" },
        { "attributes.status IN ('finished')", "a,c" },
        { "attributes.run_name = 'run-c'", "c" },
        { "method = 'dpo' AND params.lr > 0", "b" },
        { "attributes.start > '2026-10-31'", "a,b,c" },
        { "attributes.start < 1000", "" },
        { "tags.missing = 'x'", "" },
        { "params.model = \"llama\"", "a" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Filter_selects_the_expected_runs(string filter, string expected)
    {
        var parsed = RunFilter.Parse(filter);
        var matched = new[] { Sft, Dpo, Bare }.Where(r => parsed.Matches(r)).Select(r => r.Id);
        Assert.Equal(expected, string.Join(",", matched));
    }

    [Theory]
    [InlineData("params.lr <", 12, "value is missing")]
    [InlineData("params.lr 3e-5", 11, "expected an operator")]
    [InlineData("params.lr < 3e-5 or tags.x = 'y'", 18, "'or' is not supported")]
    [InlineData("params.lr < 3e-5 tags.x = 'y'", 18, "expected 'and'")]
    [InlineData("params.model = llama", 16, "quote text values")]
    [InlineData("foo.bar = 1", 1, "names no field")]
    [InlineData("attributes.colour = 'red'", 1, "unknown attribute")]
    [InlineData("params.model IN ('a', 'b'", 26, "not closed")]
    [InlineData("tags.x = 'open", 10, "string not closed")]
    [InlineData("params. = 1", 8, "expected a key")]
    [InlineData("", 1, "empty")]
    [InlineData("params.lr ! 1", 11, "'!='")]
    [InlineData("params.lr LIKE 3", 16, "quoted pattern")]
    public void Malformed_filters_name_the_column(string filter, int column, string message)
    {
        var e = Assert.Throws<PipelineException>(() => RunFilter.Parse(filter));
        Assert.Equal(PipeCodes.RunFilterInvalid, e.Code);
        Assert.Equal(ExitCodes.BadInput, e.Code.ExitCode);
        Assert.Contains($"column {column}:", e.Message);
        Assert.Contains(message, e.Message);
    }

    [Fact]
    public void Mapped_series_names_let_one_filter_serve_every_source()
    {
        var names = new MetricNames(new Dictionary<string, IReadOnlyList<string>> { ["loss"] = ["train/loss"] });
        var filter = RunFilter.Parse("metrics.loss.min < 1");
        Assert.True(filter.Matches(Sft, names));
        Assert.True(filter.Matches(Dpo, names));
        Assert.False(filter.Matches(Dpo));
    }

    [Fact]
    public void Nan_never_matches_a_comparison_but_matches_not_equal()
    {
        var run = Run("n", metrics: [("loss", 0.1, double.NaN)]);
        Assert.False(RunFilter.Parse("metrics.loss < 1").Matches(run));
        Assert.False(RunFilter.Parse("metrics.loss >= 0").Matches(run));
        Assert.True(RunFilter.Parse("metrics.loss != 1").Matches(run));
        Assert.True(RunFilter.Parse("metrics.loss.min < 1").Matches(run));
    }

    /// <summary>Clauses joined by 'and' match exactly the runs every clause matches alone, whatever the values.</summary>
    [FsCheck.Xunit.Property(MaxTest = 300)]
    public void And_is_the_intersection_of_its_clauses(NormalFloat lr, NormalFloat threshold, NormalFloat loss, bool sft)
    {
        var run = Run("p", [("lr", Value.From(lr.Get))], [("loss", loss.Get, loss.Get)], [("method", sft ? "sft" : "dpo")]);
        var t = threshold.Get.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
        var a = $"params.lr < {t}";
        var b = $"metrics.loss.min >= {t}";
        var c = "tags.method = 'sft'";
        var joined = RunFilter.Parse($"{a} and {b} and {c}").Matches(run);
        Assert.Equal(RunFilter.Parse(a).Matches(run) && RunFilter.Parse(b).Matches(run) && RunFilter.Parse(c).Matches(run), joined);
        Assert.Equal(lr.Get < threshold.Get, RunFilter.Parse(a).Matches(run));
        Assert.Equal(loss.Get >= threshold.Get, RunFilter.Parse(b).Matches(run));
    }

    /// <summary>LIKE agrees with an independent oracle (a regular expression built from the pattern).</summary>
    [FsCheck.Xunit.Property(MaxTest = 500)]
    public Property Like_agrees_with_a_regex_oracle()
    {
        var alphabet = Gen.Elements('a', 'b', '%', '_');
        var text = Gen.Elements('a', 'b').ArrayOf().Select(c => new string(c));
        var pattern = alphabet.ArrayOf().Select(c => new string(c));
        return Prop.ForAll(text.ToArbitrary(), pattern.ToArbitrary(), (t, p) =>
        {
            var regex = "^" + string.Concat(
                p.Select(ch => ch switch { '%' => ".*", '_' => ".", _ => System.Text.RegularExpressions.Regex.Escape(ch.ToString()) })) + "$";
            var expected = System.Text.RegularExpressions.Regex.IsMatch(t, regex, System.Text.RegularExpressions.RegexOptions.Singleline);
            var run = Run("l", tags: [("k", t)]);
            return RunFilter.Parse($"tags.k LIKE '{p}'").Matches(run) == expected;
        });
    }
}
