using Pipeline.Core.Canonical;
using Pipeline.Core.Diagnostics;
using Pipeline.Core.Gate;
using Pipeline.Core.Sweep;

namespace Pipeline.Core.Tests.Gate;

public sealed class GateFileTests
{
    internal const string Full = """
        {
          "suite": {"name": "mmlu", "fingerprint": "mmlu@abcd"},
          "metric": "mmlu",
          "direction": "maximize",
          "threshold": 0.60,
          "health": [
            {"series": "kl", "stat": "last", "max": 0.2},
            {"series": "entropy", "stat": "min", "min": 0.5},
            {"series": "loss", "nan": "forbid"},
            {"series": "reward", "collapse": {"window": 3, "min_fraction_of_peak": 0.5}}
          ]
        }
        """;

    internal static GateFile Parse(string json) => GateFile.From(JsonReader.Parse(json, "gate.yaml"), "gate.yaml");

    private static PipelineException Refused(string json)
    {
        var ex = Assert.Throws<PipelineException>(() => Parse(json));
        Assert.Equal(PipeCodes.GateFileInvalid, ex.Code);
        Assert.Equal("gate.yaml", ex.File);
        return ex;
    }

    [Fact]
    public void Reads_every_field_and_rule()
    {
        var gate = Parse(Full);
        Assert.Equal(new Pipeline.Core.Evals.Suite("mmlu", "mmlu@abcd"), gate.Suite);
        Assert.Equal("mmlu", gate.Metric);
        Assert.Equal(Direction.Maximize, gate.Direction);
        Assert.Equal(0.6, gate.Threshold);
        Assert.Equal(
            [new StatRule("kl", SeriesStat.Last, null, 0.2, 7), new StatRule("entropy", SeriesStat.Min, 0.5, null, 8),
             new NanRule("loss", 9), new CollapseRule("reward", 3, 0.5, 10)],
            gate.Health);
        Assert.StartsWith("sha256:", gate.Digest);
    }

    [Fact]
    public void The_digest_ignores_formatting_but_not_content()
    {
        var compact = Full.Replace("\n", " ").Replace("  ", " ");
        Assert.Equal(Parse(Full).Digest, Parse(compact).Digest);
        Assert.NotEqual(Parse(Full).Digest, Parse(Full.Replace("0.60", "0.55")).Digest);
    }

    [Fact]
    public void Health_is_optional_and_integers_are_numbers()
    {
        var gate = Parse("""{"suite": {"name": "s", "fingerprint": "f"}, "metric": "loss", "direction": "minimize", "threshold": 2}""");
        Assert.Empty(gate.Health);
        Assert.Equal(2.0, gate.Threshold);
        Assert.Equal(Direction.Minimize, gate.Direction);
    }

    [Fact]
    public void An_unknown_key_is_refused_with_its_line()
    {
        var ex = Refused(Full.Replace("\"threshold\"", "\"thresold\""));
        Assert.Equal(5, ex.Line);
        Assert.Contains("unknown key 'thresold'", ex.Message);
    }

    [Fact]
    public void An_unknown_key_inside_a_rule_is_refused()
    {
        var ex = Refused(Full.Replace("\"max\": 0.2", "\"maximum\": 0.2"));
        Assert.Contains("health[0].maximum", ex.Message);
        Assert.Equal(7, ex.Line);
    }

    [Theory]
    [InlineData("\"threshold\": 0.60", "\"threshold\": \"0.6\"", "'threshold' must be a number, not the string '0.6'", 5)]
    [InlineData("\"direction\": \"maximize\"", "\"direction\": \"up\"", "'direction' must be maximize or minimize", 4)]
    [InlineData("\"metric\": \"mmlu\",", "", "missing required key 'metric'", 1)]
    [InlineData("\"name\": \"mmlu\", ", "", "missing required key 'suite.name'", 2)]
    [InlineData("\"stat\": \"last\"", "\"stat\": \"final\"", "stat must be last, min, max or mean", 7)]
    [InlineData("\"stat\": \"last\", \"max\": 0.2", "\"stat\": \"last\"", "needs a bound", 7)]
    [InlineData("\"nan\": \"forbid\"", "\"nan\": \"allow\"", "nan must be 'forbid'", 9)]
    [InlineData("\"window\": 3", "\"window\": 0", "window must be a positive integer", 10)]
    [InlineData("\"window\": 3", "\"window\": 2.5", "window must be a positive integer", 10)]
    [InlineData("\"min_fraction_of_peak\": 0.5", "\"min_fraction_of_peak\": 1.5", "must be in (0, 1]", 10)]
    [InlineData(
        "{\"series\": \"loss\", \"nan\": \"forbid\"}",
        "{\"series\": \"loss\", \"nan\": \"forbid\", \"stat\": \"max\", \"max\": 3}",
        "mixes stat and nan",
        9)]
    [InlineData("{\"series\": \"loss\", \"nan\": \"forbid\"}", "{\"series\": \"loss\"}", "needs one of stat, nan or collapse", 9)]
    [InlineData("{\"series\": \"loss\", \"nan\": \"forbid\"}", "{\"nan\": \"forbid\"}", "missing required key 'health[2].series'", 9)]
    [InlineData("\"min\": 0.5", "\"min\": 0.5, \"max\": 0.1", "no value could pass", 8)]
    [InlineData("\"fingerprint\": \"mmlu@abcd\"", "\"fingerprint\": true", "'suite.fingerprint' must be a non-empty string", 2)]
    public void Mistakes_are_refused_with_code_and_line(string find, string replace, string message, int line)
    {
        Assert.Contains(find, Full);
        var ex = Refused(Full.Replace(find, replace));
        Assert.Contains(message, ex.Message);
        Assert.Equal(line, ex.Line);
    }

    [Fact]
    public void Health_must_be_a_list()
    {
        var ex = Refused(
            """{"suite": {"name": "s", "fingerprint": "f"}, "metric": "m", "direction": "maximize", "threshold": 1, "health": {"series": "kl"}}""");
        Assert.Contains("'health' must be a list", ex.Message);
    }

    [Fact]
    public void A_document_that_is_not_a_mapping_is_refused() => Refused("[1, 2]");
}

public sealed class GateFileYamlTests
{
    // The shape docs/design.md §5 documents, verbatim plus a collapse rule.
    private const string Design = """
        suite: {name: mmlu, fingerprint: "mmlu@abcd"}
        metric: mmlu
        direction: maximize          # or minimize
        threshold: 0.60
        health:                      # optional, over the candidate run's series
          - {series: kl, stat: last, max: 0.2}
          - {series: entropy, stat: min, min: 0.5}
          - {series: loss, nan: forbid}
          - series: reward
            collapse: {window: 50, min_fraction_of_peak: 0.5}
        """;

    [Fact]
    public void The_design_example_reads_as_yaml_and_digests_like_its_json()
    {
        var gate = GateFile.Parse(Design, "gate.yaml");
        Assert.Equal(0.6, gate.Threshold);
        Assert.Equal(4, gate.Health.Count);
        Assert.Equal(new CollapseRule("reward", 50, 0.5, 9), gate.Health[3]);
        Assert.Equal(6, gate.Health[0].Line);
        var json = GateFileTests.Parse(GateFileTests.Full.Replace("\"window\": 3", "\"window\": 50"));
        Assert.Equal(json.Digest, gate.Digest);
    }

    [Fact]
    public void Yaml_mistakes_carry_their_line()
    {
        var ex = Assert.Throws<PipelineException>(() => GateFile.Parse(Design.Replace("threshold: 0.60", "threshold: high"), "gate.yaml"));
        Assert.Equal(PipeCodes.GateFileInvalid, ex.Code);
        Assert.Equal(4, ex.Line);
        var typo = Assert.Throws<PipelineException>(
            () => GateFile.Parse(Design.Replace("  - {series: loss, nan: forbid}", "  - {series: loss, nan: forbid, windw: 3}"), "gate.yaml"));
        Assert.Equal(8, typo.Line);
    }
}
