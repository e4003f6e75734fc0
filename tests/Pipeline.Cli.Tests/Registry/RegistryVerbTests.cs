using System.Text.Json;
using static Pipeline.Cli.Tests.Registry.Cli;

namespace Pipeline.Cli.Tests.Registry;

public sealed class RegistryVerbTests : IDisposable
{
    private readonly string _repo = NewRepo();
    private readonly string _inputs = Directory.CreateTempSubdirectory("pipeline-cli-in-").FullName;

    public void Dispose()
    {
        Delete(_repo);
        Delete(_inputs);
    }

    [Fact]
    public void Register_show_assign_rollback_history_round_trip_in_json()
    {
        var weightsSha = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData("weights"u8));
        var eval = Path.Combine(_inputs, "eval.json");
        var reg = Run("register", "demo", "--lineage", Lineage(_inputs, 1), "--artifact", "s3://bucket/adapter.safetensors", "--artifact-sha256", weightsSha,
            "--repo", _repo, "--json", "--description", "first");
        Assert.Equal(0, reg.Code);
        var r1 = Json(reg.Out);
        Assert.Equal("demo@v0.0.1", r1.GetProperty("tag").GetString());
        Assert.True(r1.GetProperty("created").GetBoolean());
        var fingerprint = r1.GetProperty("fingerprint").GetString()!;
        File.WriteAllText(eval, $$$"""{"suite": {"name": "mmlu", "fingerprint": "mmlu@abcd"}, "evaluated": "{{{fingerprint}}}", "scores": {"acc": 0.71}}""");

        var again = Json(Run("register", "demo", "--lineage", Lineage(_inputs, 1), "--repo", _repo, "--json").Out);
        Assert.True(again.GetProperty("existing").GetBoolean());
        Assert.Equal(0, Run("register", "demo", "--lineage", Lineage(_inputs, 2), "--repo", _repo, "--bump", "minor").Code);
        Assert.Equal(0, Run("assign", "demo", "--version", "v0.0.1", "--alias", "production", "--repo", _repo).Code);
        var moved = Json(Run("assign", "demo", "--version", "v0.1.0", "--alias", "production", "--reason", "better mmlu", "--repo", _repo, "--json").Out);
        Assert.Equal("v0.0.1", moved.GetProperty("previous").GetString());
        Assert.Equal(2, moved.GetProperty("counter").GetInt32());

        var show = Json(Run("show", "demo#production", "--repo", _repo, "--json").Out);
        Assert.Equal("v0.1.0", show.GetProperty("version").GetString());
        Assert.Equal("production", show.GetProperty("aliases")[0].GetString());
        Assert.Equal(64, show.GetProperty("fingerprint").GetString()!.Length);

        Assert.Equal(0, Run("rollback", "demo", "--alias", "production", "--repo", _repo).Code);
        var pinned = Json(Run("show", "demo@v0.0.1", "--repo", _repo, "--json").Out);
        Assert.Equal(["production"], pinned.GetProperty("aliases").EnumerateArray().Select(a => a.GetString()));
        Assert.Equal("file", pinned.GetProperty("artifact").GetProperty("kind").GetString());
        Assert.Equal("first", pinned.GetProperty("record").GetProperty("description").GetString());

        var history = Json(Run("history", "demo", "--repo", _repo, "--json").Out).GetProperty("events").EnumerateArray().ToArray();
        Assert.Equal(["registration", "registration", "assignment", "assignment", "assignment"], history.Select(e => e.GetProperty("kind").GetString()));
        Assert.Equal("better mmlu", history[3].GetProperty("reason").GetString());
        Assert.Equal("v0.1.0", history[4].GetProperty("from").GetString());
        Assert.Equal("v0.0.1", history[4].GetProperty("to").GetString());
        Assert.Equal("Test User <test@example.com>", history[4].GetProperty("actor").GetString());

        var list = Json(Run("list", "--repo", _repo, "--json").Out).GetProperty("models")[0];
        Assert.Equal("v0.1.0", list.GetProperty("latest").GetString());
        Assert.Equal("v0.0.1", list.GetProperty("aliases").GetProperty("production").GetString());

        var wrongEval = Run("register", "demo", "--lineage", Lineage(_inputs, 3), "--eval", eval, "--repo", _repo);
        Assert.Equal(2, wrongEval.Code);
        Assert.Contains("PIPE3007", wrongEval.Err);
        var withEval = Json(Run("register", "demo", "--lineage", Lineage(_inputs, 1), "--eval", eval, "--force-new", "--repo", _repo, "--json").Out);
        Assert.Equal("v0.1.1", withEval.GetProperty("version").GetString());
        var evals = Json(Run("show", "demo@v0.1.1", "--repo", _repo, "--json").Out).GetProperty("record").GetProperty("evals");
        Assert.Equal(0.71, evals[0].GetProperty("scores").GetProperty("acc").GetDouble());
        Assert.Equal("", RunGit(_repo, "status", "--porcelain"));
        var doctor = Run("doctor", "--repo", _repo, "--json");
        // The lineage names a commit this repository does not have: doctor says the aliased version is not recomputable.
        Assert.Equal(1, doctor.Code);
        Assert.Equal(["lineage-commit-gone"], Json(doctor.Out).GetProperty("problems").EnumerateArray().Select(p => p.GetProperty("kind").GetString()));
    }

    [Fact]
    public void Doctor_is_clean_for_a_registry_written_by_the_cli()
    {
        var head = RunGit(_repo, "rev-parse", "HEAD").Trim();
        Assert.Equal(0, Run("register", "demo", "--lineage", Lineage(_inputs, 1, head), "--repo", _repo).Code);
        Assert.Equal(0, Run("assign", "demo", "--version", "v0.0.1", "--alias", "production", "--repo", _repo).Code);
        var doctor = Run("doctor", "--repo", _repo);
        Assert.Equal(0, doctor.Code);
        Assert.Equal("registry ok", doctor.Out.Trim());
    }

    [Fact]
    public void Register_from_sources_records_lineage_sources_and_a_rerun_after_the_registry_commit_is_idempotent()
    {
        File.WriteAllText(Path.Combine(_repo, "params.yaml"), "train:\n  lr: 2e-5\n  epochs: 3\n");
        RunGit(_repo, "add", "params.yaml");
        RunGit(_repo, "commit", "-q", "-m", "params");
        var code = RunGit(_repo, "rev-parse", "HEAD").Trim();
        string[] args = ["register", "demo", "--repo", _repo, "--config", "params.yaml#train", "--data-version", "sft-mix-v3", "--base-model", "Qwen/Qwen3-8B", "--seed", "7", "--json"];
        var first = Run(args);
        Assert.True(first.Code == 0, first.Err);
        var again = Run(args); // HEAD is now the registry commit: the lineage skips it, so the fingerprint is the same
        Assert.True(again.Code == 0, again.Err);
        Assert.True(Json(again.Out).GetProperty("existing").GetBoolean());
        Assert.Equal(Json(first.Out).GetProperty("fingerprint").GetString(), Json(again.Out).GetProperty("fingerprint").GetString());
        var record = Json(Run("show", "demo", "--repo", _repo, "--json").Out).GetProperty("record");
        Assert.Equal(code, record.GetProperty("lineage").GetProperty("code_commit").GetString());
        Assert.Equal(JsonValueKind.Object, record.GetProperty("lineage_sources").ValueKind);
        Assert.Equal(2e-5, record.GetProperty("lineage").GetProperty("config").GetProperty("lr").GetDouble());
        Assert.Equal(2, Run("register", "demo", "--repo", _repo, "--lineage", Lineage(_inputs, 1), "--seed", "7").Code);
    }

    [Theory]
    [InlineData("../../etc")]
    [InlineData("m@{1}")]
    [InlineData("My-Model")]
    [InlineData("a b")]
    public void Bad_names_exit_2_with_a_pipe_code_before_anything_is_written(string name)
    {
        var head = RunGit(_repo, "rev-parse", "HEAD");
        var r = Run("register", name, "--lineage", Lineage(_inputs, 1), "--repo", _repo, "--json");
        Assert.Equal(2, r.Code);
        Assert.Matches("error PIPE(0020|3021): invalid model name", r.Err);
        Assert.Equal("PIPE0020", Json(r.Out).GetProperty("error").GetProperty("code").GetString());
        Assert.Equal(head, RunGit(_repo, "rev-parse", "HEAD"));
        Assert.Equal("", RunGit(_repo, "tag", "-l"));
    }

    [Fact]
    public void Unknown_alias_and_version_exit_2_and_doctor_exits_1_on_a_problem()
    {
        Run("register", "demo", "--lineage", Lineage(_inputs, 1), "--repo", _repo);
        var missing = Run("show", "demo#production", "--repo", _repo);
        Assert.Equal(2, missing.Code);
        Assert.Contains("PIPE3003", missing.Err);
        Assert.Equal(2, Run("assign", "demo", "--version", "v9.9.9", "--alias", "production", "--repo", _repo).Code);
        RunGit(_repo, "tag", "demo#production#1", "HEAD");
        var doctor = Run("doctor", "--repo", _repo, "--json");
        Assert.Equal(1, doctor.Code);
        Assert.Equal("lightweight-tag", Json(doctor.Out).GetProperty("problems")[0].GetProperty("kind").GetString());
    }

    [Fact]
    public void A_failing_push_exits_3_and_never_prints_the_credentials_of_the_remote_url()
    {
        Run("register", "demo", "--lineage", Lineage(_inputs, 1), "--repo", _repo);
        var r = Run("assign", "demo", "--version", "v0.0.1", "--alias", "production", "--repo", _repo, "--push", "http://user:s3cr3t-token@127.0.0.1:9/repo.git");
        Assert.Equal(3, r.Code);
        Assert.Contains("PIPE1111", r.Err);
        Assert.DoesNotContain("s3cr3t-token", r.Err + r.Out);
    }

    [Fact]
    public void A_successful_push_to_a_url_with_credentials_never_prints_them()
    {
        var bare = Path.Combine(_inputs, "remote.git");
        RunGit(_inputs, "init", "-q", "--bare", bare);
        const string url = "https://user:s3cr3t-token@example.invalid/org/repo.git";
        RunGit(_repo, "config", $"url.{bare}.insteadOf", url); // the push really goes through, to the bare repo

        var outputs = new List<string>();
        void Ok(params string[] args)
        {
            var r = Run([.. args, "--repo", _repo, "--push", url]);
            Assert.True(r.Code == 0, r.Err);
            outputs.Add(r.Out + r.Err);
        }

        Ok("register", "demo", "--lineage", Lineage(_inputs, 1), "--json");
        Ok("assign", "demo", "--version", "v0.0.1", "--alias", "production", "--json");
        Ok("unassign", "demo", "--alias", "production");
        Ok("deprecate", "demo", "--version", "v0.0.1", "--json");
        Assert.Contains("demo#production#1", RunGit(bare, "tag"));
        Assert.All(outputs, o => Assert.DoesNotContain("s3cr3t-token", o));
        Assert.Contains("https://example.invalid/org/repo.git", outputs[0]);
    }
}
