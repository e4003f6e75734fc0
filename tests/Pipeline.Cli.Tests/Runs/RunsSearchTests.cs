using System.Globalization;
using System.Text.Json;

namespace Pipeline.Cli.Tests.Runs;

/// <summary><c>runs list --filter/--sort/--columns</c> and <c>select --filter</c> over a real ledger built by ingestion.</summary>
public sealed class RunsSearchTests
{
    [Fact]
    public async Task List_filters_sorts_and_shows_chosen_columns()
    {
        var repo = await Sweep();
        var (exit, output, err) = await repo.Run("runs", "list", "--filter", "params.lr < 3e-5 and metrics.loss.min < 0.5 and tags.method = 'sft'",
            "--sort", "metrics.loss.last:desc", "--columns", "name,params.lr,metrics.loss.last");
        Assert.True(exit == 0, err);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["NAME", "PARAMS.LR", "METRICS.LOSS.LAST"], lines[0].Split(' ', StringSplitOptions.RemoveEmptyEntries));
        // sft-1 (lr 1e-05, loss ends 0.4667) and sft-2 (lr 2e-05, ends 0.3333); sft-3 has lr 4e-05; dpo is not sft.
        Assert.Equal(["sft-1", "1e-05", "0.4667"], lines[1].Split(' ', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(["sft-2", "2e-05", "0.3333"], lines[2].Split(' ', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(3, lines.Length);

        var json = JsonDocument.Parse((await repo.Run("runs", "list", "--filter", "tags.method IN ('dpo')", "--json")).Stdout).RootElement;
        Assert.Equal(["dpo-1"], json.GetProperty("runs").EnumerateArray().Select(r => r.GetProperty("name").GetString()!).ToArray());

        var none = await repo.Run("runs", "list", "--filter", "params.lr > 1");
        Assert.Equal(0, none.ExitCode);
        Assert.Contains("matches the filter", none.Stdout);
    }

    [Fact]
    public async Task A_malformed_filter_is_exit2_with_its_column()
    {
        var repo = await Sweep();
        var (exit, _, err) = await repo.Run("runs", "list", "--filter", "params.lr < 3e-5 or tags.method = 'sft'");
        Assert.Equal(2, exit);
        Assert.Contains("error PIPE3600", err);
        Assert.Contains("column 18", err);
        var json = await repo.Run("runs", "list", "--sort", "metrics.loss:best", "--json");
        Assert.Equal(2, json.ExitCode);
        Assert.Equal("PIPE3600", JsonDocument.Parse(json.Stdout).RootElement.GetProperty("error").GetProperty("code").GetString());
    }

    [Fact]
    public async Task Mapped_series_names_serve_dvc_live_and_jsonl_runs_alike()
    {
        var repo = await Sweep();
        var dvclive = await repo.Run("runs", "ingest", RunsTestRepo.Fixture("dvclive"), "--format", "dvclive", "--json");
        Assert.True(dvclive.ExitCode == 0, dvclive.Stderr);
        var before = JsonDocument.Parse((await repo.Run("runs", "list", "--filter", "metrics.loss.count > 0", "--json")).Stdout).RootElement;
        Assert.Equal(4, before.GetProperty("runs").GetArrayLength()); // DVCLive's series is train/loss
        File.WriteAllText(Path.Combine(repo.Root, "pipeline.yaml"), "metrics:\n  loss: [train/loss, loss]\n");
        var after = JsonDocument.Parse((await repo.Run("runs", "list", "--filter", "metrics.loss.count > 0", "--json")).Stdout).RootElement;
        Assert.Equal(5, after.GetProperty("runs").GetArrayLength());
    }

    [Fact]
    public async Task Select_ranks_only_the_runs_the_filter_keeps()
    {
        var repo = await Sweep();
        var all = await repo.Run("select", "--filter", "attributes.status = 'finished'", "--metric", "acc", "--maximize", "--json");
        Assert.True(all.ExitCode == 0, all.Stderr);
        Assert.Equal("dpo-1", Name(repo, JsonDocument.Parse(all.Stdout).RootElement.GetProperty("winner").GetString()!));
        var sft = await repo.Run("select", "--filter", "tags.method = 'sft'", "--metric", "acc", "--maximize", "--json");
        Assert.True(sft.ExitCode == 0, sft.Stderr);
        var doc = JsonDocument.Parse(sft.Stdout).RootElement;
        Assert.Equal("sft-2", Name(repo, doc.GetProperty("winner").GetString()!));
        Assert.Equal(3, doc.GetProperty("ranking").GetArrayLength());
        var nothing = await repo.Run("select", "--filter", "tags.method = 'ppo'", "--metric", "acc", "--maximize");
        Assert.Equal(2, nothing.ExitCode);
        Assert.Contains("no run matches", nothing.Stderr);
    }

    private static string Name(RunsTestRepo repo, string id) =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(repo.Root, "registry", "runs", id + ".json"))).RootElement.GetProperty("name").GetString()!;

    /// <summary>Four runs: three SFT learning rates and one DPO, each with a loss curve and an eval bound to its fingerprint.</summary>
    internal static async Task<RunsTestRepo> Sweep()
    {
        var repo = new RunsTestRepo();
        var runs = new (string Name, string Method, double Lr, double LossEnd, double Acc)[]
        {
            ("sft-1", "sft", 1e-5, 0.4667, 0.55),
            ("sft-2", "sft", 2e-5, 0.3333, 0.61),
            ("sft-3", "sft", 4e-5, 0.25, 0.58),
            ("dpo-1", "dpo", 1e-6, 0.6, 0.66),
        };
        foreach (var (name, method, lr, lossEnd, acc) in runs)
        {
            var path = Path.Combine(repo.Root, name + ".jsonl");
            var lineage = $$"""{"data_version": "dvc:ab", "code_commit": "{{new string('c', 40)}}", "config": {"lr": {{F(lr)}}},""" +
                $$""" "base_model": "m", "seed": 1}""";
            var fp = Pipeline.Core.Lineage.Fingerprint.Compute(
                (Pipeline.Core.Canonical.ObjectValue)Pipeline.Core.Canonical.JsonReader.Parse(
                    System.Text.Encoding.UTF8.GetBytes(lineage), "lineage"));
            var lines = new List<string>
            {
                $$"""{"name": "{{name}}", "method": "{{method}}", "params": {"lr": {{F(lr)}}}, "tags": {"method": "{{method}}"},""" +
                $$""" "lineage": {{lineage}}}""",
                """{"step": 0, "loss": 0.9}""",
                $$"""{"step": 1, "loss": {{F(lossEnd)}}}""",
                $$$"""{"evals": [{"suite": {"name": "mmlu", "fingerprint": "sha256:aaaa"}, "evaluated": "{{{fp}}}",""" +
                $$$""" "scores": {"acc": {{{F(acc)}}}}}]}""",
            };
            File.WriteAllLines(path, lines);
            var (exit, _, err) = await repo.Run("runs", "ingest", path, "--format", "jsonl");
            Assert.True(exit == 0, err);
        }

        return repo;
    }

    private static string F(double d) => d.ToString("R", CultureInfo.InvariantCulture);
}
