using System.Text.Json;
using Pipeline.Core.Evals;

namespace Pipeline.GitHub.Tests.Harness;

/// <summary>`command: select` over a sweep in registry/runs/: the runs are positional arguments, the winner an output.</summary>
public sealed class SelectThroughActionTests : IDisposable
{
    private readonly RegistryRepo repo = new();

    public SelectThroughActionTests()
    {
        foreach (var (id, minute, score) in new[] { ("run-a", 0, 0.61), ("run-b", 1, 0.72), ("run-c", 2, 0.68) })
        {
            var fp = "fp-" + id;
            repo.AddRun(
                id,
                minute,
                fp,
                new Dictionary<string, double[]>(),
                new EvalResult(RegistryRepo.Mmlu, fp, new Dictionary<string, double> { ["mmlu"] = score }));
        }

        // A run evaluated on an easier suite: ranking it with the others would mix incomparable scores.
        repo.AddRun(
            "run-easy",
            3,
            "fp-easy",
            new Dictionary<string, double[]>(),
            new EvalResult(new Suite("mmlu-easy", "mmlu@easy"), "fp-easy", new Dictionary<string, double> { ["mmlu"] = 0.99 }));
        repo.Commit("sweep");
    }

    public void Dispose() => repo.Dispose();

    [Fact]
    public void The_winner_of_the_sweep_becomes_a_step_output()
    {
        var result = Select("run-a\nrun-b\r\nrun-c\n", ("cohort", ""));

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("true", result.Outputs["ok"]);
        Assert.Equal("run-b", result.Outputs["winner"]);
        Assert.Contains("pipeline select run-a run-b run-c --metric mmlu --maximize --json", result.Stdout);
        using var report = JsonDocument.Parse(result.Report!);
        Assert.Equal(
            ["run-b", "run-c", "run-a"],
            report.RootElement.GetProperty("ranking").EnumerateArray().Select(r => r.GetProperty("run").GetString()));
    }

    [Fact]
    public void Minimize_reverses_the_ranking()
    {
        var result = Select("run-a\nrun-b\nrun-c", ("direction", "minimize"));
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("run-a", result.Outputs["winner"]);
    }

    [Fact]
    public void Runs_on_two_suites_exit_1_without_a_winner_until_a_cohort_is_chosen()
    {
        var mixed = Select("run-a\nrun-b\nrun-easy");
        Assert.True(mixed.ExitCode == 1, mixed.ToString());
        Assert.Equal("false", mixed.Outputs["ok"]);
        Assert.Equal("", mixed.Outputs["winner"]);
        Assert.Contains("PIPE4020", mixed.Stderr);
        Assert.Contains("pipeline select failed (exit 1)", mixed.Summary);

        var cohort = Select("run-a\nrun-b\nrun-easy", ("cohort", "mmlu@abcd"));
        Assert.True(cohort.ExitCode == 0, cohort.ToString());
        Assert.Equal("run-b", cohort.Outputs["winner"]);
    }

    private ActionRunResult Select(string runs, params (string Name, string Value)[] extra)
    {
        var inputs = new Dictionary<string, string> { ["command"] = "select", ["runs"] = runs, ["metric"] = "mmlu", ["direction"] = "maximize" };
        foreach (var (name, value) in extra)
        {
            inputs[name] = value;
        }

        return ActionHarness.ForThisRepository().Run(inputs, repo.Root);
    }
}
