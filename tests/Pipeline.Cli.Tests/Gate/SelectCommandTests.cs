using System.Text.Json;

namespace Pipeline.Cli.Tests.Gate;

public sealed class SelectCommandTests : IDisposable
{
    private readonly Ledger _ledger = new();

    public void Dispose() => _ledger.Dispose();

    [Fact]
    public async Task Picks_the_evaluated_winner_from_ledger_ids_and_prints_the_ranking_as_json()
    {
        _ledger.AddRun("run-a", 0, 0.61);
        _ledger.AddRun("run-b", 1, 0.72);
        _ledger.AddRun("run-c", 2, 0.72);
        _ledger.AddRun("run-d", 3, 0.50, selfReported: 0.99);
        var r = await CliRunner.RunAsync(
            "select", "run-a", "run-b", "run-c", "run-d", "--metric", "mmlu", "--maximize", "--repo", _ledger.Root, "--json");
        Assert.Equal(0, r.ExitCode);
        using var doc = JsonDocument.Parse(r.Stdout);
        Assert.Equal("run-b", doc.RootElement.GetProperty("winner").GetString());
        Assert.Equal(0.72, doc.RootElement.GetProperty("score").GetDouble());
        var ranking = doc.RootElement.GetProperty("ranking").EnumerateArray().ToArray();
        Assert.Equal(["run-b", "run-c", "run-a", "run-d"], ranking.Select(e => e.GetProperty("run").GetString()));
        Assert.Equal([1, 2, 3, 4], ranking.Select(e => e.GetProperty("rank").GetInt32()));
        Assert.Equal(0.5, ranking[3].GetProperty("score").GetDouble());
    }

    [Fact]
    public async Task A_folder_of_run_files_works_and_the_text_table_names_the_winner()
    {
        _ledger.AddRun("run-a", 0, 1.9);
        _ledger.AddRun("run-b", 1, 1.4);
        _ledger.AddRun("run-c", 2, null);
        var r = await CliRunner.RunAsync("select", _ledger.Runs, "--metric", "mmlu", "--minimize");
        Assert.Equal(0, r.ExitCode);
        Assert.StartsWith("winner: run-b  mmlu = 1.4", r.Stdout);
        Assert.Contains("warning PIPE4025: run 'run-c' not ranked", r.Stderr);
        Assert.Contains("run-c", r.Stdout);
    }

    [Fact]
    public async Task Mismatched_suites_exit_one_naming_the_fingerprints_and_the_phantom_is_not_crowned()
    {
        _ledger.AddRun("run-a", 0, 0.61);
        _ledger.AddRun("run-b", 1, 0.66);
        _ledger.AddRun("phantom", 2, 0.99, Ledger.Easy);
        var r = await CliRunner.RunAsync("select", _ledger.Runs, "--metric", "mmlu", "--maximize", "--json");
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("error PIPE4020: incomparable runs, 2 eval fingerprints: mmlu@abcd", r.Stderr);
        Assert.Contains("mmlu@easy", r.Stderr);
        using var doc = JsonDocument.Parse(r.Stdout);
        Assert.False(doc.RootElement.GetProperty("ok").GetBoolean());
        Assert.False(doc.RootElement.TryGetProperty("winner", out _));

        var cohort = await CliRunner.RunAsync("select", _ledger.Runs, "--metric", "mmlu", "--maximize", "--cohort", "mmlu@abcd", "--json");
        Assert.Equal(0, cohort.ExitCode);
        Assert.Equal("run-b", JsonDocument.Parse(cohort.Stdout).RootElement.GetProperty("winner").GetString());
    }

    [Fact]
    public async Task A_result_for_another_model_does_not_count()
    {
        _ledger.AddRun("run-a", 0, 0.61);
        _ledger.AddRun("borrower", 1, 0.95, evaluated: "fp-run-a");
        var r = await CliRunner.RunAsync("select", _ledger.Runs, "--metric", "mmlu", "--maximize", "--json");
        Assert.Equal(0, r.ExitCode);
        Assert.Equal("run-a", JsonDocument.Parse(r.Stdout).RootElement.GetProperty("winner").GetString());
        Assert.Contains("'borrower' not ranked", r.Stderr);
    }

    [Fact]
    public async Task Direction_is_required_exactly_once()
    {
        _ledger.AddRun("run-a", 0, 0.61);
        var r = await CliRunner.RunAsync("select", _ledger.Runs, "--metric", "mmlu", "--maximize", "--minimize");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("PIPE0001", r.Stderr);
    }

    [Fact]
    public async Task An_unknown_run_id_is_bad_input()
    {
        var r = await CliRunner.RunAsync("select", "nope", "--metric", "mmlu", "--maximize", "--repo", _ledger.Root);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("PIPE3504", r.Stderr);
    }

    [Fact]
    public async Task A_missing_run_file_or_folder_is_named_as_a_missing_path_not_as_a_bad_run_id()
    {
        _ledger.AddRun("run-a", 0, 0.61);
        foreach (var missing in new[] { Path.Combine(_ledger.Root, "sweep", "run-x.json"), "runs-typo/", "run-a.json" })
        {
            var r = await CliRunner.RunAsync("select", "run-a", missing, "--metric", "mmlu", "--maximize", "--repo", _ledger.Root);
            Assert.Equal(2, r.ExitCode);
            Assert.Contains("PIPE0002", r.Stderr);
            Assert.Contains(missing, r.Stderr);
            Assert.DoesNotContain("not a run id", r.Stderr);
        }
    }
}
