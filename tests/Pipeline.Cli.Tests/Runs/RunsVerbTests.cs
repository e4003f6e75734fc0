using System.Text.Json;

namespace Pipeline.Cli.Tests.Runs;

public sealed class RunsVerbTests
{
    private static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement.Clone();

    [Fact]
    public async Task Ingest_each_format_then_list_show_compare()
    {
        var repo = new RunsTestRepo();
        var ids = new List<string>();
        foreach (
            var (source, format) in new[]
            {
                (RunsTestRepo.Fixture("jsonl", "grpo-run.jsonl"), "auto"),
                (RunsTestRepo.Fixture("dvclive"), "dvclive"),
                (RunsTestRepo.MlflowRun, "mlflow")
            })
        {
            var (exit, output, err) = await repo.Run("runs", "ingest", source, "--format", format, "--experiment", "sweep", "--json");
            Assert.True(exit == 0, err);
            var record = Json(output);
            ids.Add(record.GetProperty("id").GetString()!);
            Assert.Equal("finished", record.GetProperty("status").GetString());
        }

        var list = Json((await repo.Run("runs", "list", "--json")).Stdout);
        Assert.Equal(3, list.GetProperty("runs").GetArrayLength());
        var filtered = Json((await repo.Run("runs", "list", "--experiment", "nope", "--json")).Stdout);
        Assert.Equal(0, filtered.GetProperty("runs").GetArrayLength());

        var text = (await repo.Run("runs", "list")).Stdout;
        Assert.Contains("grpo-kl0.05", text);
        Assert.Contains("dpo-beta0.1", text);

        // A unique prefix: the three fixtures start in the same millisecond, so the ids differ only in their random
        // part; take the shortest prefix of ids[2] that no other id shares (a fixed length was flaky: 1 in 8 runs).
        var length = 20;
        while (ids.Take(2).Any(other => other.StartsWith(ids[2][..length], StringComparison.Ordinal)))
        {
            length++;
        }

        var show = await repo.Run("runs", "show", ids[2][..length], "--json");
        Assert.Equal(0, show.ExitCode);
        Assert.Equal("9f8e7d6c5b4a39281706f5e4d3c2b1a098765432", Json(show.Stdout).GetProperty("lineage").GetProperty("code_commit").GetString());
        Assert.Contains("loss", (await repo.Run("runs", "show", ids[0])).Stdout);

        var md = await repo.Run("runs", "compare", ids[0], ids[2], "--metric", "loss", "--format", "md");
        Assert.Equal(0, md.ExitCode);
        Assert.Contains("| loss (last) |", md.Stdout);
        Assert.Contains("| loss (nan/inf) | 1/0 | 1/0 |", md.Stdout);
        Assert.Contains("**Params that differ**", md.Stdout);
        Assert.DoesNotContain("entropy", md.Stdout); // --metric restricts
        var cmp = Json((await repo.Run("runs", "compare", ids[0], ids[1], "--json")).Stdout);
        Assert.Contains(
            cmp.GetProperty("params").EnumerateArray(),
            p =>
                p.GetProperty("key").GetString() == "learning_rate"
                    && p.GetProperty("values")[0].GetString() == "1e-06"
                    && p.GetProperty("values")[1].GetString() == "2e-05");
        Assert.DoesNotContain(cmp.GetProperty("params").EnumerateArray(), p => p.GetProperty("key").GetString() == "base_model"); // equal: not shown
    }

    [Fact]
    public async Task Ingest_commit_is_one_commit_and_leaves_the_tree_clean()
    {
        var repo = new RunsTestRepo();
        var (exit, output, err) = await repo.Run("runs", "ingest", RunsTestRepo.Fixture("jsonl", "grpo-run.jsonl"), "--commit", "--json");
        Assert.True(exit == 0, err);
        var record = Json(output);
        var id = record.GetProperty("id").GetString()!;
        Assert.Equal(repo.Git("rev-parse", "HEAD").Trim(), record.GetProperty("commit").GetString());
        var files = repo.Git("show", "--name-only", "--format=", "HEAD").Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal([$"registry/runs/{id}.json", $"registry/runs/{id}.series.bin"], files.Order().ToArray());
        Assert.Equal("", repo.Git("status", "--porcelain"));
        Assert.Equal(2, int.Parse(repo.Git("rev-list", "--count", "HEAD").Trim()));
    }

    // A locked index used to escape as an unhandled LockedFileException (exit 1, stack trace) and left the run's
    // files behind uncommitted, so the re-run the error asks for made a second copy of the run.
    [Fact]
    public async Task Ingest_commit_into_a_locked_repository_is_pipe1101_and_leaves_nothing_behind()
    {
        var repo = new RunsTestRepo();
        var head = repo.Git("rev-parse", "HEAD").Trim();
        File.WriteAllText(Path.Combine(repo.Root, ".git", "index.lock"), "");
        var (exit, output, err) = await repo.Run("runs", "ingest", RunsTestRepo.Fixture("jsonl", "grpo-run.jsonl"), "--commit", "--json");
        Assert.Equal(3, exit);
        Assert.Contains("error PIPE1101", err);
        Assert.Equal("PIPE1101", Json(output).GetProperty("error").GetProperty("code").GetString());
        Assert.Equal(head, repo.Git("rev-parse", "HEAD").Trim());
        var runs = Path.Combine(repo.Root, "registry", "runs");
        Assert.False(Directory.Exists(runs) && Directory.EnumerateFileSystemEntries(runs).Any());
    }

    // With registry.folder set in pipeline.yaml, runs used to go to the hard-coded registry/runs/: outside the folder
    // the lineage skips, so committing a run moved code_commit and changed every later fingerprint (docs/design.md §2).
    [Fact]
    public async Task Runs_live_in_the_configured_registry_folder_so_committing_one_keeps_the_fingerprint()
    {
        var repo = new RunsTestRepo();
        File.WriteAllText(
            Path.Combine(repo.Root, "pipeline.yaml"),
            "registry:\n  folder: models\nlineage:\n  data_version: mix-v1\n  config: params.yaml\n  base_model: m\n  seed: 0\n");
        File.WriteAllText(Path.Combine(repo.Root, "params.yaml"), "lr: 0.1\n");
        repo.Git("add", "-A");
        repo.Git("commit", "-q", "-m", "config");
        var before = await repo.Run("fingerprint");
        Assert.True(before.ExitCode == 0, before.Stderr);

        var (exit, output, err) = await repo.Run("runs", "ingest", RunsTestRepo.Fixture("jsonl", "grpo-run.jsonl"), "--commit", "--json");
        Assert.True(exit == 0, err);
        var id = Json(output).GetProperty("id").GetString()!;
        Assert.True(File.Exists(Path.Combine(repo.Root, "models", "runs", id + ".json")));
        Assert.False(Directory.Exists(Path.Combine(repo.Root, "registry")));
        Assert.Equal(before.Stdout, (await repo.Run("fingerprint")).Stdout);
        Assert.Equal(0, (await repo.Run("runs", "show", id)).ExitCode);
        var prune = Json((await repo.Run("runs", "prune", "--older-than", "1s", "--dry-run", "--json")).Stdout);
        Assert.Equal(id, prune.GetProperty("pruned")[0].GetString()); // committed, so prunable: it found the commit
    }

    [Fact]
    public async Task Prune_removes_old_unregistered_runs_in_one_commit_and_keeps_registered_ones()
    {
        var repo = new RunsTestRepo();
        var ids = new List<string>();
        foreach (var source in new[] { RunsTestRepo.Fixture("jsonl", "grpo-run.jsonl"), RunsTestRepo.Fixture("dvclive"), RunsTestRepo.MlflowRun })
        {
            ids.Add(Json((await repo.Run("runs", "ingest", source, "--commit", "--json")).Stdout).GetProperty("id").GetString()!);
        }

        // All fixtures ran in 2024; a version record references the MLflow run.
        Directory.CreateDirectory(Path.Combine(repo.Root, "registry", "demo"));
        File.WriteAllText(
            Path.Combine(repo.Root, "registry", "demo", "v0.0.1.json"),
            $$"""{"model":"demo","version":"v0.0.1","fingerprint":"{{new string('a', 64)}}","run_id":"{{ids[2]}}"}""");
        repo.Git("add", "-A");
        repo.Git("commit", "-q", "-m", "register demo");
        var before = repo.Git("rev-parse", "HEAD").Trim();

        var dry = Json((await repo.Run("runs", "prune", "--older-than", "90d", "--dry-run", "--json")).Stdout);
        Assert.Equal(2, dry.GetProperty("pruned").GetArrayLength());
        Assert.Equal(before, repo.Git("rev-parse", "HEAD").Trim()); // dry run writes nothing

        var (exit, output, err) = await repo.Run("runs", "prune", "--older-than", "90d", "--json");
        Assert.True(exit == 0, err);
        var result = Json(output);
        Assert.Equal(
            new[] { ids[0], ids[1] }.Order().ToArray(),
            result.GetProperty("pruned").EnumerateArray().Select(e => e.GetString()!).Order().ToArray());
        Assert.Contains(
            result.GetProperty("kept").EnumerateArray(),
            k => k.GetProperty("id").GetString() == ids[2] && k.GetProperty("reason").GetString()!.Contains("registered"));
        Assert.Equal(before, repo.Git("rev-parse", "HEAD~1").Trim()); // exactly one commit
        var removed = repo.Git("show", "--name-status", "--format=", "HEAD").Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(4, removed.Length);
        Assert.All(removed, line => Assert.StartsWith("D", line));
        Assert.Equal("", repo.Git("status", "--porcelain"));
        Assert.True(File.Exists(Path.Combine(repo.Root, "registry", "runs", ids[2] + ".json")));

        // A run ingested without --commit is not in git history: prune keeps it rather than lose it for good.
        var loose = Json((await repo.Run("runs", "ingest", RunsTestRepo.Fixture("dvclive"), "--json")).Stdout).GetProperty("id").GetString()!;
        var kept = Json((await repo.Run("runs", "prune", "--older-than", "90d", "--json")).Stdout);
        Assert.Contains(
            kept.GetProperty("kept").EnumerateArray(),
            k => k.GetProperty("id").GetString() == loose && k.GetProperty("reason").GetString()!.Contains("not committed"));
        File.Delete(Path.Combine(repo.Root, "registry", "runs", loose + ".json"));
        File.Delete(Path.Combine(repo.Root, "registry", "runs", loose + ".series.bin"));

        // Nothing old left: a second prune finds nothing and makes no commit.
        var again = Json((await repo.Run("runs", "prune", "--older-than", "90d", "--json")).Stdout);
        Assert.Equal(0, again.GetProperty("pruned").GetArrayLength());
        Assert.Equal(JsonValueKind.Null, again.GetProperty("commit").ValueKind);
    }

    [Fact]
    public async Task Errors_carry_pipe_codes_and_exit_codes()
    {
        var repo = new RunsTestRepo();
        var bad = Path.Combine(repo.Root, "bad.jsonl");
        File.WriteAllText(bad, "{\"step\":0,\"a;b\":1}\n");
        var (exit, output, err) = await repo.Run("runs", "ingest", bad, "--json");
        Assert.Equal(2, exit);
        Assert.Contains("error PIPE3501", err);
        Assert.Contains("'a;b'", err);
        Assert.Equal("PIPE3501", Json(output).GetProperty("error").GetProperty("code").GetString());

        Assert.Contains("error PIPE3504", (await repo.Run("runs", "show", "20990101")).Stderr);
        Assert.Contains("error PIPE3510", (await repo.Run("runs", "prune", "--older-than", "ninety")).Stderr);
        Assert.Equal(2, (await repo.Run("runs", "compare", "x")).ExitCode);
        Assert.Contains("error PIPE0002", (await repo.Run("runs", "ingest", Path.Combine(repo.Root, "missing.jsonl"))).Stderr);
    }

    [Fact]
    public async Task Commit_outside_a_git_repository_is_an_environment_error()
    {
        var folder = Path.Combine(Path.GetTempPath(), "pipeline-nogit-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(folder);
        var stderr = new StringWriter();
        var exit = await CliApp.RunAsync(
            ["runs", "ingest", RunsTestRepo.Fixture("dvclive"), "--commit", "--repo", folder],
            new StringWriter(),
            stderr);
        Assert.Equal(3, exit);
        Assert.Contains("PIPE1001", stderr.ToString());
        Assert.False(Directory.Exists(Path.Combine(folder, "registry"))); // refused before reading or writing
    }
}
