using Pipeline.Core.Gate;
using Pipeline.Core.Project;

namespace Pipeline.Cli.Tests.Init;

/// <summary>
/// `pipeline init` on real repositories holding a public project's DVC files (iterative/example-get-started): what it
/// proposes, that it never overwrites without --force, and that the edits it names are all a first fingerprint needs.
/// </summary>
public sealed class InitTests : IDisposable
{
    private readonly TempGitRepo _repo = new();

    public InitTests()
    {
        _repo.Commit("dvc project",
            ("dvc.yaml", Fixture("iterative__example-get-started__dvc.yaml")),
            ("dvc.lock", Fixture("iterative__example-get-started__dvc.lock")),
            ("params.yaml", Fixture("iterative__example-get-started__params.yaml")));
    }

    public void Dispose() => _repo.Dispose();

    [Fact]
    public void Proposes_from_the_dvc_files_and_names_every_edit()
    {
        var result = CliRunner.Run("init", "--repo", _repo.Root, "--json");

        Assert.True(result.ExitCode == 0, result.ToString());
        var config = ProjectConfig.Load(_repo.Root);
        Assert.Equal("dvc.lock", config.Lineage.DvcLock);
        Assert.Equal(["train"], config.Lineage.DvcStages);
        Assert.Equal("params.yaml#train", config.Lineage.Config);
        // The seed is written as the config key it was found in, so the lineage reads it at every commit.
        Assert.Null(config.Lineage.Seed);
        Assert.Equal("params.yaml#train.seed", config.Lineage.SeedFrom);
        Assert.Null(config.Lineage.BaseModel);                     // not in the project's files: left to the user
        Assert.Equal("main", config.ProtectedRef);
        GateFile.Parse(File.ReadAllBytes(Path.Combine(_repo.Root, "gate.yaml")), "gate.yaml");
        var workflows = Directory.GetFiles(Path.Combine(_repo.Root, ".github", "workflows"), "pipeline-*.yml");
        Assert.Equal(Directory.GetFiles(RepoPaths.At("samples", "workflows"), "*.yml").Length, workflows.Length);
        Assert.All(workflows, w => Assert.Contains("permissions:", File.ReadAllText(w)));

        var edits = result.Json.GetProperty("edits").EnumerateArray().ToList();
        var baseModel = Assert.Single(edits, e => e.GetProperty("key").GetString() == "lineage.base_model");
        Assert.Equal("pipeline.yaml", baseModel.GetProperty("file").GetString());
        var line = File.ReadAllLines(Path.Combine(_repo.Root, "pipeline.yaml"))[baseModel.GetProperty("line").GetInt32() - 1];
        Assert.Contains("base_model", line);
        Assert.Contains(edits, e => e.GetProperty("file").GetString() == "gate.yaml");
    }

    [Fact]
    public void After_the_named_edits_fingerprint_succeeds()
    {
        var init = CliRunner.Run("init", "--repo", _repo.Root, "--action", "acme/pipeline@v1", "--json");
        Assert.True(init.ExitCode == 0, init.ToString());
        Assert.DoesNotContain(
            Directory.GetFiles(Path.Combine(_repo.Root, ".github", "workflows")),
            w => File.ReadAllText(w).Contains("OWNER/", StringComparison.Ordinal));

        // Before the edits: the one missing source is named with its key.
        _repo.Commit("pipeline init");
        var before = CliRunner.Run("fingerprint", "--repo", _repo.Root);
        Assert.Equal(2, before.ExitCode);
        Assert.Contains("lineage.base_model", before.Stderr);

        foreach (var edit in init.Json.GetProperty("edits").EnumerateArray())
        {
            Apply(edit.GetProperty("file").GetString()!, edit.GetProperty("line").GetInt32(), edit.GetProperty("key").GetString()!);
        }

        _repo.Commit("edits init named");
        var after = CliRunner.Run("fingerprint", "--repo", _repo.Root, "--json");
        Assert.True(after.ExitCode == 0, after.ToString());
        Assert.Equal("acme/base-model", after.Json.GetProperty("lineage").GetProperty("base_model").GetString());
        Assert.Equal(20170428, after.Json.GetProperty("lineage").GetProperty("seed").GetInt32());
        Assert.Matches("^dvc:[0-9a-f]{64}$", after.Json.GetProperty("lineage").GetProperty("data_version").GetString());
        GateFile.Parse(File.ReadAllBytes(Path.Combine(_repo.Root, "gate.yaml")), "gate.yaml");
    }

    [Fact]
    public void Never_overwrites_without_force_and_writes_nothing_when_refused()
    {
        _repo.Commit("own gate", ("gate.yaml", "# mine\n"));

        var refused = CliRunner.Run("init", "--repo", _repo.Root);

        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("error PIPE0040", refused.Stderr);
        Assert.Contains("gate.yaml", refused.Stderr);
        Assert.Equal("# mine\n", File.ReadAllText(Path.Combine(_repo.Root, "gate.yaml")));
        Assert.False(File.Exists(Path.Combine(_repo.Root, "pipeline.yaml")), "a refused init wrote pipeline.yaml");
        Assert.Equal("", _repo.Status());

        var forced = CliRunner.Run("init", "--repo", _repo.Root, "--force", "--json");
        Assert.True(forced.ExitCode == 0, forced.ToString());
        Assert.Contains(
            forced.Json.GetProperty("files").EnumerateArray(),
            f => f.GetProperty("path").GetString() == "gate.yaml" && f.GetProperty("action").GetString() == "replace");
        Assert.NotEqual("# mine\n", File.ReadAllText(Path.Combine(_repo.Root, "gate.yaml")));
    }

    [Fact]
    public void Dry_run_writes_nothing()
    {
        var result = CliRunner.Run("init", "--repo", _repo.Root, "--dry-run");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("would write pipeline.yaml", result.Stdout);
        Assert.Contains("edit pipeline.yaml line", result.Stdout);
        Assert.Equal("", _repo.Status());
    }

    [Fact]
    public void A_repository_without_dvc_gets_edits_for_data_and_config()
    {
        using var plain = new TempGitRepo();
        plain.Commit("code", ("train.py", "print('x')\n"));

        var result = CliRunner.Run("init", "--repo", plain.Root, "--json");

        Assert.True(result.ExitCode == 0, result.ToString());
        var keys = result.Json.GetProperty("edits").EnumerateArray().Select(e => e.GetProperty("key").GetString()).ToList();
        Assert.Contains("lineage.data_version", keys);
        Assert.Contains("lineage.config", keys);
        Assert.Contains("lineage.seed", keys);
        Assert.Contains("lineage.base_model", keys);
    }

    [Fact]
    public void A_refused_action_reference_writes_nothing()
    {
        var result = CliRunner.Run("init", "--repo", _repo.Root, "--action", "acme/pipeline@v1\n  run: curl evil");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("PIPE0001", result.Stderr);
        Assert.Equal("", _repo.Status());
    }

    private static string Fixture(string name) => File.ReadAllText(RepoPaths.Fixture(name));

    /// <summary>Does what an edit asks, as a user would: a value on the named line.</summary>
    private void Apply(string file, int line, string key)
    {
        var path = Path.Combine(_repo.Root, file);
        var lines = File.ReadAllLines(path);
        lines[line - 1] = key switch
        {
            "lineage.base_model" => "  base_model: acme/base-model",
            "suite" => "suite: {name: mmlu, fingerprint: \"mmlu@abcd\"}",
            "metric" => "metric: mmlu",
            "threshold" => "threshold: 0.6",
            "uses" => lines[line - 1],
            _ => throw new InvalidOperationException($"init named an edit this test does not know: {file}:{line} {key}"),
        };
        File.WriteAllLines(path, lines);
    }
}
