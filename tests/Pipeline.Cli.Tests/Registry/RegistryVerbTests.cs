using System.Text.Json;
using static Pipeline.Cli.Tests.Registry.Cli;

namespace Pipeline.Cli.Tests.Registry;

public sealed class RegistryVerbTests : IDisposable
{
    private readonly string _repo = NewRepo();
    private readonly string _inputs = Directory.CreateTempSubdirectory("pipeline-cli-in-").FullName;

    public void Dispose()
    {
        TempFolder.Delete(_repo);
        TempFolder.Delete(_inputs);
    }

    [Fact]
    public void Register_show_assign_rollback_history_round_trip_in_json()
    {
        var weightsSha = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData("weights"u8));
        var eval = Path.Combine(_inputs, "eval.json");
        var reg = CliRunner.Run(
            ["register",
                "demo",
                .. Sources(_repo, 1, artifact: false),
                "--artifact",
                "s3://bucket/adapter.safetensors",
                "--artifact-sha256",
                weightsSha,
            "--repo", _repo, "--json", "--description", "first"]);
        Assert.Equal(0, reg.ExitCode);
        var r1 = reg.Json;
        Assert.Equal("demo@v0.0.1", r1.GetProperty("tag").GetString());
        Assert.True(r1.GetProperty("created").GetBoolean());
        var fingerprint = r1.GetProperty("fingerprint").GetString()!;
        File.WriteAllText(
            eval,
            $$$"""{"suite": {"name": "mmlu", "fingerprint": "mmlu@abcd"}, "evaluated": "{{{fingerprint}}}", "scores": {"acc": 0.71}}""");

        var again = CliRunner.Run(["register", "demo", .. Sources(_repo, 1, artifact: false), "--repo", _repo, "--json"]).Json;
        Assert.True(again.GetProperty("existing").GetBoolean());
        Assert.Equal(0, CliRunner.Run(["register", "demo", .. Sources(_repo, 2), "--repo", _repo, "--bump", "minor"]).ExitCode);
        Assert.Equal(0, CliRunner.Run("assign", "demo", "--version", "v0.0.1", "--alias", "production", "--repo", _repo).ExitCode);
        var moved = CliRunner.Run(
            "assign", "demo", "--version", "v0.1.0", "--alias", "production", "--reason", "better mmlu", "--repo", _repo, "--json").Json;
        Assert.Equal("v0.0.1", moved.GetProperty("previous").GetString());
        Assert.Equal(2, moved.GetProperty("counter").GetInt32());

        var show = CliRunner.Run("show", "demo#production", "--repo", _repo, "--json").Json;
        Assert.Equal("v0.1.0", show.GetProperty("version").GetString());
        Assert.Equal("production", show.GetProperty("aliases")[0].GetString());
        Assert.Equal(64, show.GetProperty("fingerprint").GetString()!.Length);

        Assert.Equal(0, CliRunner.Run("rollback", "demo", "--alias", "production", "--repo", _repo).ExitCode);
        var pinned = CliRunner.Run("show", "demo@v0.0.1", "--repo", _repo, "--json").Json;
        Assert.Equal(["production"], pinned.GetProperty("aliases").EnumerateArray().Select(a => a.GetString()));
        Assert.Equal("file", pinned.GetProperty("artifact").GetProperty("kind").GetString());
        Assert.Equal("first", pinned.GetProperty("record").GetProperty("description").GetString());

        var history = CliRunner.Run("history", "demo", "--repo", _repo, "--json").Json.GetProperty("events").EnumerateArray().ToArray();
        Assert.Equal(
            ["registration", "registration", "assignment", "assignment", "assignment"],
            history.Select(e => e.GetProperty("kind").GetString()));
        Assert.Equal("better mmlu", history[3].GetProperty("reason").GetString());
        Assert.Equal("v0.1.0", history[4].GetProperty("from").GetString());
        Assert.Equal("v0.0.1", history[4].GetProperty("to").GetString());
        Assert.Equal("Test User <test@example.com>", history[4].GetProperty("actor").GetString());

        var list = CliRunner.Run("list", "--repo", _repo, "--json").Json.GetProperty("models")[0];
        Assert.Equal("v0.1.0", list.GetProperty("latest").GetString());
        Assert.Equal("v0.0.1", list.GetProperty("aliases").GetProperty("production").GetString());

        var wrongEval = CliRunner.Run(["register", "demo", .. Sources(_repo, 3), "--eval", eval, "--repo", _repo]);
        Assert.Equal(2, wrongEval.ExitCode);
        Assert.Contains("PIPE3007", wrongEval.Stderr);
        var withEval = CliRunner.Run(["register", "demo", .. Sources(_repo, 1), "--eval", eval, "--force-new", "--repo", _repo, "--json"]).Json;
        Assert.Equal("v0.1.1", withEval.GetProperty("version").GetString());
        var evals = CliRunner.Run("show", "demo@v0.1.1", "--repo", _repo, "--json").Json.GetProperty("record").GetProperty("evals");
        Assert.Equal(0.71, evals[0].GetProperty("scores").GetProperty("acc").GetDouble());
        Assert.Equal("", GitProcess.Run(_repo, "status", "--porcelain"));
        var doctor = CliRunner.Run("doctor", "--repo", _repo, "--json");
        // Every version was registered from its sources and every alias move went through the review guard: nothing to report.
        Assert.True(doctor.ExitCode == 0, doctor.Stdout + doctor.Stderr);
        Assert.Empty(doctor.Json.GetProperty("problems").EnumerateArray());
    }

    [Fact]
    public void Doctor_is_clean_for_a_registry_written_by_the_cli()
    {
        Assert.Equal(0, CliRunner.Run(["register", "demo", .. Sources(_repo, 1), "--repo", _repo]).ExitCode);
        Assert.Equal(0, CliRunner.Run("assign", "demo", "--version", "v0.0.1", "--alias", "production", "--repo", _repo).ExitCode);
        var doctor = CliRunner.Run("doctor", "--repo", _repo);
        Assert.Equal(0, doctor.ExitCode);
        Assert.Equal("registry ok", doctor.Stdout.Trim());
    }

    [Fact]
    public void Register_from_sources_records_lineage_sources_and_a_rerun_after_the_registry_commit_is_idempotent()
    {
        File.WriteAllText(Path.Combine(_repo, "params.yaml"), "train:\n  lr: 2e-5\n  epochs: 3\n");
        GitProcess.Run(_repo, "add", "params.yaml");
        GitProcess.Run(_repo, "commit", "-q", "-m", "params");
        var code = GitProcess.Run(_repo, "rev-parse", "HEAD").Trim();
        string[] args = [
            "register", "demo", "--repo", _repo, "--config", "params.yaml#train", "--data-version", "sft-mix-v3", "--base-model", "Qwen/Qwen3-8B",
            "--seed", "7", "--json"];
        var first = CliRunner.Run(args);
        Assert.True(first.ExitCode == 0, first.Stderr);
        var again = CliRunner.Run(args); // HEAD is now the registry commit: the lineage skips it, so the fingerprint is the same
        Assert.True(again.ExitCode == 0, again.Stderr);
        Assert.True(again.Json.GetProperty("existing").GetBoolean());
        Assert.Equal(first.Json.GetProperty("fingerprint").GetString(), again.Json.GetProperty("fingerprint").GetString());
        var record = CliRunner.Run("show", "demo", "--repo", _repo, "--json").Json.GetProperty("record");
        Assert.Equal(code, record.GetProperty("lineage").GetProperty("code_commit").GetString());
        Assert.Equal(JsonValueKind.Object, record.GetProperty("lineage_sources").ValueKind);
        Assert.Equal(2e-5, record.GetProperty("lineage").GetProperty("config").GetProperty("lr").GetDouble());
        Assert.Equal(2, CliRunner.Run("register", "demo", "--repo", _repo, "--lineage", Lineage(_inputs, 1), "--seed", "7").ExitCode);
    }

    [Theory]
    [InlineData("../../etc")]
    [InlineData("m@{1}")]
    [InlineData("My-Model")]
    [InlineData("a b")]
    public void Bad_names_exit_2_with_a_pipe_code_before_anything_is_written(string name)
    {
        var head = GitProcess.Run(_repo, "rev-parse", "HEAD");
        var r = CliRunner.Run("register", name, "--lineage", Lineage(_inputs, 1), "--repo", _repo, "--json");
        Assert.Equal(2, r.ExitCode);
        Assert.Matches("error PIPE(0020|3021): invalid model name", r.Stderr);
        Assert.Equal("PIPE0020", r.Json.GetProperty("error").GetProperty("code").GetString());
        Assert.Equal(head, GitProcess.Run(_repo, "rev-parse", "HEAD"));
        Assert.Equal("", GitProcess.Run(_repo, "tag", "-l"));
    }

    [Fact]
    public void Unknown_alias_and_version_exit_2_and_doctor_exits_1_on_a_problem()
    {
        CliRunner.Run(["register", "demo", .. Sources(_repo, 1), "--repo", _repo]);
        var missing = CliRunner.Run("show", "demo#production", "--repo", _repo);
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("PIPE3003", missing.Stderr);
        Assert.Equal(2, CliRunner.Run("assign", "demo", "--version", "v9.9.9", "--alias", "production", "--repo", _repo).ExitCode);
        GitProcess.Run(_repo, "tag", "demo#production#1", "HEAD");
        var doctor = CliRunner.Run("doctor", "--repo", _repo, "--json");
        Assert.Equal(1, doctor.ExitCode);
        Assert.Equal("lightweight-tag", doctor.Json.GetProperty("problems")[0].GetProperty("kind").GetString());
    }

    [Fact]
    public void A_failing_push_exits_3_and_never_prints_the_credentials_of_the_remote_url()
    {
        CliRunner.Run(["register", "demo", .. Sources(_repo, 1), "--repo", _repo]);
        var r = CliRunner.Run(
            "assign",
            "demo",
            "--version",
            "v0.0.1",
            "--alias",
            "production",
            "--repo",
            _repo,
            "--push",
            "http://user:s3cr3t-token@127.0.0.1:9/repo.git");
        Assert.Equal(3, r.ExitCode);
        Assert.Contains("PIPE1111", r.Stderr);
        Assert.DoesNotContain("s3cr3t-token", r.Stderr + r.Stdout);
    }

    [Fact]
    public void A_successful_push_to_a_url_with_credentials_never_prints_them()
    {
        var bare = Path.Combine(_inputs, "remote.git");
        GitProcess.Run(_inputs, "init", "-q", "--bare", bare);
        const string url = "https://user:s3cr3t-token@example.invalid/org/repo.git";
        GitProcess.Run(_repo, "config", $"url.{bare}.insteadOf", url); // the push really goes through, to the bare repo

        var outputs = new List<string>();
        void Ok(params string[] args)
        {
            var r = CliRunner.Run([.. args, "--repo", _repo, "--push", url]);
            Assert.True(r.ExitCode == 0, r.Stderr);
            outputs.Add(r.Stdout + r.Stderr);
        }

        Ok(["register", "demo", .. Sources(_repo, 1), "--json"]);
        Ok("assign", "demo", "--version", "v0.0.1", "--alias", "production", "--json");
        Ok("unassign", "demo", "--alias", "production");
        Ok("deprecate", "demo", "--version", "v0.0.1", "--json");
        Assert.Contains("demo#production#1", GitProcess.Run(bare, "tag"));
        Assert.All(outputs, o => Assert.DoesNotContain("s3cr3t-token", o));
        Assert.Contains("https://example.invalid/org/repo.git", outputs[0]);
    }
}
