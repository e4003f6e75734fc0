using System.Text.Json;

namespace Pipeline.Cli.Tests.Runs;

/// <summary>
/// Issue 18 point 6: an imported run can be bound (lineage, artifact, evals) at ingest or later, so select and the gate
/// can use it; tags, notes and deletion curate the ledger; re-ingesting the same source names the run it already made.
/// </summary>
public sealed class RunsCurationTests
{
    private static readonly string Jsonl = RunsTestRepo.Fixture("jsonl", "grpo-run.jsonl");

    private static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement.Clone();

    private static string[] RecordFiles(RunsTestRepo repo) =>
        Directory.Exists(Path.Combine(repo.Root, "registry", "runs"))
            ? Directory.GetFiles(Path.Combine(repo.Root, "registry", "runs"), "*.json").Order().ToArray()
            : [];

    private static string LineageFile(RunsTestRepo repo, string name, int seed, string commit = "a1b2c3d4e5f60718293a4b5c6d7e8f9012345678")
    {
        var path = Path.Combine(repo.Root, name);
        File.WriteAllText(
            path,
            $$"""{"data_version": "mix-v3", "code_commit": "{{commit}}", "config": {"lr": 1e-5}, "base_model": "Qwen/Qwen3-8B", "seed": {{seed}}}""");
        return path;
    }

    private static string EvalFile(RunsTestRepo repo, string name, string evaluated, double score)
    {
        var path = Path.Combine(repo.Root, name);
        var number = score.ToString(System.Globalization.CultureInfo.InvariantCulture);
        File.WriteAllText(
            path,
            "{\"suite\": {\"name\": \"mmlu-mini\", \"fingerprint\": \"suite-fp-1\"}, \"evaluated\": \"" + evaluated
            + "\", \"scores\": {\"mmlu\": " + number + "}}");
        return path;
    }

    [Fact]
    public async Task Reingesting_the_same_source_is_a_noop_that_names_the_run()
    {
        using var repo = new RunsTestRepo();
        var first = await repo.Run("runs", "ingest", Jsonl, "--json");
        Assert.True(first.ExitCode == 0, first.Stderr);
        var id = Json(first.Stdout).GetProperty("id").GetString()!;
        Assert.Matches("^[0-9a-f]{64}$", Json(first.Stdout).GetProperty("origin").GetProperty("digest").GetString()!);

        var again = await repo.Run("runs", "ingest", Jsonl, "--json");

        Assert.True(again.ExitCode == 0, again.Stderr);
        Assert.Equal(id, Json(again.Stdout).GetProperty("id").GetString());
        Assert.True(Json(again.Stdout).GetProperty("already_ingested").GetBoolean());
        Assert.Contains("PIPE3613", again.Stderr);
        Assert.Contains(id, again.Stderr);
        Assert.Single(RecordFiles(repo));

        // --again makes the second copy on purpose; changed bytes are a different source.
        Assert.Equal(0, (await repo.Run("runs", "ingest", Jsonl, "--again")).ExitCode);
        Assert.Equal(2, RecordFiles(repo).Length);
        var grown = Path.Combine(repo.Root, "grown.jsonl");
        File.WriteAllText(grown, File.ReadAllText(Jsonl) + "{\"step\": 999, \"loss\": 0.1}\n");
        var third = await repo.Run("runs", "ingest", grown, "--json");
        Assert.True(third.ExitCode == 0, third.Stderr);
        Assert.False(Json(third.Stdout).TryGetProperty("already_ingested", out _));
        Assert.Equal(3, RecordFiles(repo).Length);
    }

    [Fact]
    public async Task Reingesting_a_folder_source_is_recognised_too()
    {
        using var repo = new RunsTestRepo();
        var first = Json((await repo.Run("runs", "ingest", RunsTestRepo.MlflowRun, "--json")).Stdout).GetProperty("id").GetString();
        var second = await repo.Run("runs", "ingest", RunsTestRepo.MlflowRun, "--json");
        Assert.Equal(first, Json(second.Stdout).GetProperty("id").GetString());
        Assert.Single(RecordFiles(repo));
    }

    [Fact]
    public async Task An_imported_run_cannot_be_selected_until_bound_then_the_better_eval_wins()
    {
        using var repo = new RunsTestRepo();
        // Two imported runs: one bound at ingest (--lineage, --eval), one bound afterwards with runs attach.
        var unbound = await repo.Run("runs", "ingest", RunsTestRepo.Fixture("dvclive"), "--json");
        var late = Json(unbound.Stdout).GetProperty("id").GetString()!;
        var lineageA = LineageFile(repo, "lineage-a.json", seed: 1);
        var fpA = CliRunner.Run("fingerprint", "--lineage", lineageA).Stdout.Trim();
        var bound = await repo.Run("runs", "ingest", Jsonl, "--lineage", lineageA, "--eval", EvalFile(repo, "eval-a.json", fpA, 0.61), "--json");
        Assert.True(bound.ExitCode == 0, bound.Stderr);
        var early = Json(bound.Stdout).GetProperty("id").GetString()!;
        Assert.Equal(fpA, Json(bound.Stdout).GetProperty("fingerprint").GetString());

        var before = await repo.Run("select", early, late, "--metric", "mmlu", "--maximize", "--json");
        Assert.True(before.ExitCode == 0, before.Stderr);
        Assert.Equal(early, Json(before.Stdout).GetProperty("winner").GetString());
        Assert.Contains("records no model fingerprint or artifact digest", before.Stderr);

        var lineageB = LineageFile(repo, "lineage-b.json", seed: 2);
        var fpB = CliRunner.Run("fingerprint", "--lineage", lineageB).Stdout.Trim();
        var attach = await repo.Run("runs", "attach", late, "--lineage", lineageB, "--eval", EvalFile(repo, "eval-b.json", fpB, 0.74));
        Assert.True(attach.ExitCode == 0, attach.Stderr);
        Assert.Contains($"lineage {fpB[..12]}", attach.Stdout);

        var after = await repo.Run("select", early, late, "--metric", "mmlu", "--maximize", "--json");
        Assert.True(after.ExitCode == 0, after.Stderr);
        Assert.Equal(late, Json(after.Stdout).GetProperty("winner").GetString());

        // Attaching the same eval again does not list it twice.
        await repo.Run("runs", "attach", late, "--eval", Path.Combine(repo.Root, "eval-b.json"));
        Assert.Equal(1, Json((await repo.Run("runs", "show", late, "--json")).Stdout).GetProperty("evals").GetArrayLength());
    }

    [Fact]
    public async Task Ingest_with_rev_binds_the_lineage_fingerprint_would_compute()
    {
        using var repo = new RunsTestRepo();
        File.WriteAllText(Path.Combine(repo.Root, "params.yaml"), "train:\n  lr: 2.0e-5\n");
        File.WriteAllText(
            Path.Combine(repo.Root, "pipeline.yaml"),
            "lineage:\n  data_version: mix-v3\n  config: params.yaml#train\n  base_model: Qwen/Qwen3-8B\n  seed: 7\n");
        repo.Git("add", "-A");
        repo.Git("commit", "-q", "-m", "training code");
        var expected = CliRunner.Run("fingerprint", "--repo", repo.Root).Stdout.Trim();
        Assert.Matches("^[0-9a-f]{64}$", expected);

        // A log that records no commit of its own (the fixture names one, which --rev HEAD would contradict).
        var log = Path.Combine(repo.Root, "..", Path.GetFileName(repo.Root) + "-train.jsonl");
        File.WriteAllText(log, "{\"step\": 1, \"loss\": 2.5}\n{\"step\": 2, \"loss\": 2.1}\n");
        var ingest = await repo.Run("runs", "ingest", log, "--rev", "HEAD", "--json");
        File.Delete(log);

        Assert.True(ingest.ExitCode == 0, ingest.Stderr);
        var record = Json(ingest.Stdout);
        Assert.Equal(expected, record.GetProperty("fingerprint").GetString());
        Assert.Equal(repo.Git("rev-parse", "HEAD").Trim(), record.GetProperty("lineage").GetProperty("code_commit").GetString());
    }

    [Fact]
    public async Task A_lineage_contradicting_the_sources_commit_is_refused_and_nothing_is_written()
    {
        using var repo = new RunsTestRepo();
        // The MLflow fixture records code_commit 9f8e7d6c…; binding another commit's lineage would certify the wrong code.
        var wrong = LineageFile(repo, "wrong.json", seed: 1);

        var ingest = await repo.Run("runs", "ingest", RunsTestRepo.MlflowRun, "--lineage", wrong);

        Assert.Equal(2, ingest.ExitCode);
        Assert.Contains("error PIPE3611", ingest.Stderr);
        Assert.Contains("9f8e7d6c5b4a39281706f5e4d3c2b1a098765432", ingest.Stderr);
        Assert.Empty(RecordFiles(repo));
        Assert.Empty(Directory.GetFiles(Path.Combine(repo.Root, "registry", "runs")));

        var right = LineageFile(repo, "right.json", seed: 1, commit: "9f8e7d6c5b4a39281706f5e4d3c2b1a098765432");
        Assert.Equal(0, (await repo.Run("runs", "ingest", RunsTestRepo.MlflowRun, "--lineage", right)).ExitCode);
    }

    [Fact]
    public async Task Tags_and_notes_are_searchable_and_malformed_tags_are_usage_errors()
    {
        using var repo = new RunsTestRepo();
        var id = Json((await repo.Run("runs", "ingest", Jsonl, "--json")).Stdout).GetProperty("id").GetString()!;

        Assert.Equal(0, (await repo.Run("runs", "tag", id, "method_family=rl", "owner=alice")).ExitCode);
        Assert.Equal(0, (await repo.Run("runs", "note", id, "diverged after lr warmup; rerun with 1e-6")).ExitCode);
        var found = await repo.Run("runs", "list", "--filter", "tags.note LIKE '%warmup%' and tags.owner = 'alice'", "--json");
        Assert.Equal(id, Json(found.Stdout).GetProperty("runs")[0].GetProperty("id").GetString());

        Assert.Equal(0, (await repo.Run("runs", "tag", id, "--remove", "owner")).ExitCode);
        Assert.Equal(0, (await repo.Run("runs", "note", id, "")).ExitCode);
        var tags = Json((await repo.Run("runs", "show", id, "--json")).Stdout).GetProperty("tags");
        Assert.False(tags.TryGetProperty("owner", out _));
        Assert.False(tags.TryGetProperty("note", out _));
        Assert.Equal("rl", tags.GetProperty("method_family").GetString());

        var bad = await repo.Run("runs", "tag", id, "novalue");
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("error PIPE3612", bad.Stderr);
        var badKey = await repo.Run("runs", "tag", id, "../escape=1");
        Assert.Equal(2, badKey.ExitCode);
        Assert.Contains("PIPE3501", badKey.Stderr);
    }

    [Fact]
    public async Task Delete_is_refused_for_a_run_a_version_links_and_commits_the_removal_otherwise()
    {
        using var repo = new RunsTestRepo();
        var linked = Json((await repo.Run("runs", "ingest", Jsonl, "--commit", "--json")).Stdout).GetProperty("id").GetString()!;
        var loose = Json((await repo.Run("runs", "ingest", RunsTestRepo.Fixture("dvclive"), "--commit", "--json")).Stdout)
            .GetProperty("id")
            .GetString()!;
        var register = CliRunner.Run(
            "register",
            "demo",
            "--lineage",
            LineageFile(repo, "lineage.json", seed: 3),
            "--run",
            linked,
            "--repo",
            repo.Root);
        Assert.True(register.ExitCode == 0, register.Stderr);

        var refused = await repo.Run("runs", "delete", linked, "--commit");

        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("error PIPE3610", refused.Stderr);
        Assert.Contains("registry/demo/v0.0.1.json", refused.Stderr);
        Assert.True(File.Exists(Path.Combine(repo.Root, "registry", "runs", linked + ".json")));

        var head = repo.Git("rev-parse", "HEAD").Trim();
        var deleted = await repo.Run("runs", "delete", loose, "--commit", "--json");

        Assert.True(deleted.ExitCode == 0, deleted.Stderr);
        Assert.Equal(repo.Git("rev-parse", "HEAD").Trim(), Json(deleted.Stdout).GetProperty("commit").GetString());
        Assert.Equal(head, repo.Git("rev-parse", "HEAD~1").Trim());
        var removed = repo.Git("show", "--name-status", "--format=", "HEAD").Split('\n', StringSplitOptions.RemoveEmptyEntries).Order().ToArray();
        Assert.Equal([$"D\tregistry/runs/{loose}.json", $"D\tregistry/runs/{loose}.series.bin"], removed);
        Assert.Equal("", repo.Git("status", "--porcelain", "--", "registry"));
    }

    [Fact]
    public async Task Editing_a_live_run_is_refused()
    {
        using var repo = new RunsTestRepo();
        var id = Json((await repo.Run("runs", "ingest", Jsonl, "--json")).Stdout).GetProperty("id").GetString()!;
        var path = Path.Combine(repo.Root, "registry", "runs", id + ".json");
        // As RunLogger writes it while training: status running, writer = a live process on this machine (this one).
        var text = File.ReadAllText(path).Replace("\"status\": \"finished\"", "\"status\": \"running\"");
        text = text[..text.LastIndexOf('}')].TrimEnd() + $",\n  \"writer\": {{\"host\": \"{Environment.MachineName}\", \"pid\": " +
            $"{Environment.ProcessId}}}\n}}\n";
        File.WriteAllText(path, text);

        var tag = await repo.Run("runs", "tag", id, "k=v");
        var delete = await repo.Run("runs", "delete", id);

        Assert.Equal(2, tag.ExitCode);
        Assert.Contains("PIPE3512", tag.Stderr);
        Assert.Equal(2, delete.ExitCode);
        Assert.Equal(text, File.ReadAllText(path));
    }

    [Fact]
    public async Task A_failed_commit_puts_the_record_back()
    {
        using var repo = new RunsTestRepo();
        var id = Json((await repo.Run("runs", "ingest", Jsonl, "--commit", "--json")).Stdout).GetProperty("id").GetString()!;
        var path = Path.Combine(repo.Root, "registry", "runs", id + ".json");
        var before = File.ReadAllBytes(path);
        File.WriteAllText(Path.Combine(repo.Root, ".git", "index.lock"), "");

        var tag = await repo.Run("runs", "tag", id, "k=v", "--commit");

        Assert.Equal(3, tag.ExitCode);
        Assert.Contains("PIPE1101", tag.Stderr);
        Assert.Equal(before, File.ReadAllBytes(path));
    }
}
