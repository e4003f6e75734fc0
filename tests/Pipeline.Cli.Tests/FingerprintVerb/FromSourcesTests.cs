using System.Text.Json;

namespace Pipeline.Cli.Tests.FingerprintVerb;

/// <summary>`pipeline fingerprint` from sources, run in-process against real temp git repositories.</summary>
public sealed class FromSourcesTests : IDisposable
{
    private const string Lock = """
        schema: '2.0'
        stages:
          prepare:
            cmd: python src/prepare.py
            deps:
            - path: data/raw.jsonl
              hash: md5
              md5: 0f343b0931126a20f133d67c2b018a3b
              size: 120
            - path: src/prepare.py
              hash: md5
              md5: 11111111111111111111111111111111
            params:
              params.yaml:
                prepare.split: 0.2
            outs:
            - path: data/prepared
              hash: md5
              md5: 22222222222222222222222222222222.dir
          train:
            cmd: python src/train.py
            deps:
            - path: data/prepared
              hash: md5
              md5: 22222222222222222222222222222222.dir
            - path: src/train.py
              hash: md5
              md5: 33333333333333333333333333333333
            params:
              params.yaml:
                train:
                  lr: 2e-5
                  lora_r: 16
        """;

    private readonly TempGitRepo _repo = new();

    public FromSourcesTests()
    {
        _repo.Commit(
            "demo",
            ("dvc.lock", Lock),
            ("params.yaml", "prepare:\n  split: 0.2\ntrain:\n  lr: 2e-5\n  lora_r: 16\n"),
            ("src/prepare.py", "print('prepare')\n"),
            ("src/train.py", "print('train')\n"),
            (".gitignore", "/data/raw.jsonl\n"),
            ("pipeline.yaml", "lineage:\n  dvc_lock: dvc.lock\n  config: params.yaml#train\n  base_model: Qwen/Qwen3-8B\n  seed: 0\n"));
        _repo.Write("data/raw.jsonl", "{}\n");
    }

    public void Dispose() => _repo.Dispose();

    private Task<CliResult> Run(params string[] args) => CliRunner.RunAsync(["fingerprint", "--repo", _repo.Root, .. args]);

    private async Task<string> Fingerprint(params string[] args)
    {
        var (code, output, error) = await Run(args);
        Assert.True(code == 0, error);
        var line = output.Trim();
        Assert.Matches("^[0-9a-f]{64}$", line);
        return line;
    }

    [Fact]
    public async Task Json_shape_has_lineage_and_sources()
    {
        var (code, output, _) = await Run("--json");
        Assert.Equal(0, code);
        using var doc = JsonDocument.Parse(output);
        var root = doc.RootElement;
        Assert.Equal(["fingerprint", "scheme", "lineage", "lineage_sources"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal("lineage-v1", root.GetProperty("scheme").GetString());
        var lineage = root.GetProperty("lineage");
        Assert.Equal(["data_version", "code_commit", "config", "base_model", "seed"], lineage.EnumerateObject().Select(p => p.Name));
        Assert.Equal(_repo.Git("rev-parse", "HEAD").Trim(), lineage.GetProperty("code_commit").GetString());
        Assert.StartsWith("dvc:", lineage.GetProperty("data_version").GetString());
        Assert.Contains("\"lr\": 2e-05", output);
        var sources = root.GetProperty("lineage_sources");
        var entry = Assert.Single(sources.GetProperty("data").GetProperty("entries").EnumerateArray());
        Assert.Equal("data/raw.jsonl", entry.GetProperty("path").GetString());
        Assert.Equal("params.yaml", sources.GetProperty("config").GetProperty("path").GetString());
        Assert.False(sources.GetProperty("dirty").GetBoolean());
        Assert.Equal(root.GetProperty("fingerprint").GetString(), await Fingerprint());
    }

    [Fact]
    public async Task Python_reference_agrees_on_the_json_lineage()
    {
        var (_, output, _) = await Run("--json");
        var root = JsonDocument.Parse(output).RootElement;
        var psi = new System.Diagnostics.ProcessStartInfo("python3") { RedirectStandardInput = true, RedirectStandardOutput = true };
        psi.ArgumentList.Add("-c");
        psi.ArgumentList.Add("""
            import hashlib, json, sys
            lineage = json.load(sys.stdin)["lineage"]
            keys = ("data_version", "code_commit", "config", "base_model", "seed")
            print(hashlib.sha256(json.dumps({k: lineage[k] for k in keys}, sort_keys=True, separators=(",", ":")).encode()).hexdigest())
            """);
        using var python = System.Diagnostics.Process.Start(psi)!;
        await python.StandardInput.WriteAsync(output);
        python.StandardInput.Close();
        var expected = (await python.StandardOutput.ReadToEndAsync()).Trim();
        await python.WaitForExitAsync();
        Assert.Equal(expected, root.GetProperty("fingerprint").GetString());
    }

    [Fact]
    public async Task Stable_across_a_registry_only_commit()
    {
        var before = await Fingerprint();
        _repo.Commit("register", ("registry/demo/v0.0.1.json", "{}"));
        Assert.Equal(before, await Fingerprint());
        _repo.Commit("code", ("src/train.py", "print('changed')\n"));
        Assert.NotEqual(before, await Fingerprint());
    }

    [Fact]
    public async Task Changes_with_the_seed_and_with_one_data_hash()
    {
        var before = await Fingerprint();
        Assert.NotEqual(before, await Fingerprint("--seed", "1"));
        Assert.Equal(before, await Fingerprint("--seed", "0"));
        _repo.Commit("new data", ("dvc.lock", Lock.Replace("0f343b0931126a20f133d67c2b018a3b", "0f343b0931126a20f133d67c2b018a3c")));
        var (_, json, _) = await Run("--json");
        Assert.NotEqual(before, await Fingerprint());
        Assert.Contains("0f343b0931126a20f133d67c2b018a3c", json);
    }

    [Fact]
    public async Task Stage_output_hash_alone_does_not_change_data_version()
    {
        var (_, a, _) = await Run("--json");
        _repo.Commit("retrain", ("dvc.lock", Lock.Replace("22222222222222222222222222222222.dir", "44444444444444444444444444444444.dir")));
        var (_, b, _) = await Run("--json");
        string Data(string j) => JsonDocument.Parse(j).RootElement.GetProperty("lineage").GetProperty("data_version").GetString()!;
        Assert.Equal(Data(a), Data(b));
    }

    [Fact]
    public async Task Dirty_tree_is_refused_naming_paths_unless_allowed()
    {
        _repo.Write("src/train.py", "print('uncommitted')\n");
        _repo.Write("untracked.txt", "ignored by the dirty check");
        var (code, _, err) = await Run();
        Assert.Equal(2, code);
        Assert.Contains("error PIPE1003", err);
        Assert.Contains("src/train.py", err);
        Assert.DoesNotContain("untracked.txt", err);

        var (ok, output, _) = await Run("--allow-dirty", "--json");
        Assert.Equal(0, ok);
        var root = JsonDocument.Parse(output).RootElement;
        Assert.True(root.GetProperty("lineage").GetProperty("dirty").GetBoolean());
        Assert.True(root.GetProperty("lineage_sources").GetProperty("dirty").GetBoolean());
    }

    [Fact]
    public async Task Dirty_config_changes_the_fingerprint_exactly_as_committing_it_would()
    {
        var clean = await Fingerprint();
        _repo.Write("params.yaml", "prepare:\n  split: 0.2\ntrain:\n  lr: 9e-5\n  lora_r: 16\n");
        var (code, output, error) = await Run("--allow-dirty", "--json");
        Assert.True(code == 0, error);
        var root = JsonDocument.Parse(output).RootElement;
        Assert.NotEqual(clean, root.GetProperty("fingerprint").GetString());
        Assert.Equal(9e-5, root.GetProperty("lineage").GetProperty("config").GetProperty("lr").GetDouble());
        var sources = root.GetProperty("lineage_sources");
        Assert.Equal(["params.yaml"], sources.GetProperty("dirty_paths").EnumerateArray().Select(p => p.GetString()));
        Assert.Equal(["params.yaml"], sources.GetProperty("read_from_working_tree").EnumerateArray().Select(p => p.GetString()));
        Assert.Contains("read from the working tree: params.yaml", error);

        // The config part of the lineage is exactly what committing the change gives (only code_commit moves).
        _repo.Commit("lr 9e-5");
        var (_, committed, _) = await Run("--json");
        var after = JsonDocument.Parse(committed).RootElement;
        Assert.Equal(root.GetProperty("lineage").GetProperty("config").GetRawText(), after.GetProperty("lineage").GetProperty("config").GetRawText());
        Assert.Equal(
            root.GetProperty("lineage").GetProperty("data_version").GetString(),
            after.GetProperty("lineage").GetProperty("data_version").GetString());
        Assert.Equal(
            sources.GetProperty("config").GetProperty("blob").GetString(),
            after.GetProperty("lineage_sources").GetProperty("config").GetProperty("blob").GetString());
    }

    [Fact]
    public async Task Dirty_dvc_lock_changes_data_version_and_dirty_code_only_is_named_but_changes_nothing_read()
    {
        var clean = JsonDocument.Parse((await Run("--json")).Stdout).RootElement;
        _repo.Write("dvc.lock", Lock.Replace("0f343b0931126a20f133d67c2b018a3b", "99999999999999999999999999999999"));
        var dirtyLock = JsonDocument.Parse((await Run("--allow-dirty", "--json")).Stdout).RootElement;
        Assert.NotEqual(
            clean.GetProperty("lineage").GetProperty("data_version").GetString(),
            dirtyLock.GetProperty("lineage").GetProperty("data_version").GetString());

        _repo.Git("checkout", "--", "dvc.lock");
        _repo.Write("src/train.py", "print('changed')\n");
        var r = await Run("--allow-dirty", "--json");
        var codeOnly = JsonDocument.Parse(r.Stdout).RootElement;
        Assert.Equal(clean.GetProperty("fingerprint").GetString(), codeOnly.GetProperty("fingerprint").GetString());
        Assert.Empty(codeOnly.GetProperty("lineage_sources").GetProperty("read_from_working_tree").EnumerateArray());
        Assert.Contains("no config or data input is among them", r.Stderr);
        Assert.Contains("uncommitted code is in no commit", r.Stderr);
    }

    [Fact]
    public async Task Register_never_lets_a_dirty_version_swallow_the_clean_registration_with_its_fingerprint()
    {
        Task<CliResult> Register(params string[] extra) => CliRunner.RunAsync(["register", "demo", "--repo", _repo.Root, "--json", .. extra]);

        // Dirty code only: the fingerprint equals the clean one, but the record is dirty.
        _repo.Write("src/train.py", "print('experiment')\n");
        var dirty = await Register("--allow-dirty");
        Assert.True(dirty.ExitCode == 0, dirty.Stderr);
        using var d = JsonDocument.Parse(dirty.Stdout);
        Assert.True(d.RootElement.GetProperty("created").GetBoolean());
        Assert.Contains("lineage recorded as dirty", dirty.Stderr);

        _repo.Git("checkout", "--", "src/train.py");
        var clean = await Register();
        Assert.True(clean.ExitCode == 0, clean.Stderr);
        using var c = JsonDocument.Parse(clean.Stdout);
        Assert.True(c.RootElement.GetProperty("created").GetBoolean(), clean.Stdout);
        Assert.Equal(d.RootElement.GetProperty("fingerprint").GetString(), c.RootElement.GetProperty("fingerprint").GetString());
        Assert.NotEqual(d.RootElement.GetProperty("version").GetString(), c.RootElement.GetProperty("version").GetString());
        var record = File.ReadAllText(Path.Combine(_repo.Root, c.RootElement.GetProperty("record").GetString()!));
        Assert.DoesNotContain("\"dirty\": true", record);

        // The clean registration again is the clean version, not a new one.
        var again = await Register();
        using var a = JsonDocument.Parse(again.Stdout);
        Assert.False(a.RootElement.GetProperty("created").GetBoolean());
        Assert.Equal(c.RootElement.GetProperty("version").GetString(), a.RootElement.GetProperty("version").GetString());
    }

    [Fact]
    public async Task Seed_and_base_model_can_come_from_config_keys()
    {
        _repo.Commit("seed in config",
            ("params.yaml", "prepare:\n  split: 0.2\ntrain:\n  lr: 2e-5\n  lora_r: 16\n  seed: 7\nmodel:\n  base: acme/base-8b\n"),
            ("pipeline.yaml",
                "lineage:\n  dvc_lock: dvc.lock\n  config: params.yaml#train\n  base_model: params.yaml#model.base\n  seed: " +
                "params.yaml#train.seed\n"));
        var (code, output, error) = await Run("--json");
        Assert.True(code == 0, error);
        var root = JsonDocument.Parse(output).RootElement;
        Assert.Equal(7, root.GetProperty("lineage").GetProperty("seed").GetInt32());
        Assert.Equal("acme/base-8b", root.GetProperty("lineage").GetProperty("base_model").GetString());
        Assert.Equal("train.seed", root.GetProperty("lineage_sources").GetProperty("seed").GetProperty("key").GetString());
        Assert.Equal("model.base", root.GetProperty("lineage_sources").GetProperty("base_model").GetProperty("key").GetString());

        // --seed on the command line still wins over the reference, and must agree with the config.
        var (refused, _, err) = await Run("--seed", "42");
        Assert.Equal(2, refused);
        Assert.Contains("error PIPE2210", err);
        Assert.Contains("42", err);
        Assert.Contains("params.yaml#train.seed = 7", err);
        Assert.Equal(0, (await Run("--seed", "7")).ExitCode);
    }

    [Fact]
    public async Task A_literal_seed_that_differs_from_the_configs_seed_is_refused_naming_both()
    {
        _repo.Commit("seed in config", ("params.yaml", "prepare:\n  split: 0.2\ntrain:\n  lr: 2e-5\n  lora_r: 16\n  seed: 7\n"),
            ("pipeline.yaml", "lineage:\n  dvc_lock: dvc.lock\n  config: params.yaml#train\n  base_model: Qwen/Qwen3-8B\n  seed: 42\n"));
        var (code, _, err) = await Run();
        Assert.Equal(2, code);
        Assert.Contains("error PIPE2210: the lineage seed is 42", err);
        Assert.Contains("params.yaml#train.seed = 7", err);

        var register = await CliRunner.RunAsync(["register", "demo", "--repo", _repo.Root]);
        Assert.Equal(2, register.ExitCode);
        Assert.Contains("PIPE2210", register.Stderr);
    }

    [Theory]
    [InlineData("seed: params.yaml#train.lr", "PIPE2211", "holds the number 2E-05")]
    [InlineData("seed: params.yaml#train.nope", "PIPE2202", "key 'train.nope' not found")]
    [InlineData("seed: params.yaml", "PIPE0011", "an integer or a config key PATH#key")]
    public async Task A_bad_seed_reference_is_refused_with_its_code(string line, string code, string message)
    {
        _repo.Commit(
            "ref",
            ("pipeline.yaml", $"lineage:\n  dvc_lock: dvc.lock\n  config: params.yaml#train\n  base_model: Qwen/Qwen3-8B\n  {line}\n"));
        var (exit, _, err) = await Run();
        Assert.Equal(2, exit);
        Assert.Contains(code, err);
        Assert.Contains(message, err);
    }

    [Fact]
    public async Task Rev_reads_an_older_commit()
    {
        var first = _repo.Git("rev-parse", "HEAD").Trim();
        var before = await Fingerprint();
        _repo.Commit("code", ("src/train.py", "print('v2')\n"));
        Assert.Equal(before, await Fingerprint("--rev", first));
        var (code, _, err) = await Run("--rev", "nope");
        Assert.Equal(2, code);
        Assert.Contains("PIPE1002", err);
    }

    [Fact]
    public async Task Command_line_overrides_pipeline_yaml()
    {
        var (_, output, _) = await Run("--json", "--config", "params.yaml#prepare", "--data-version", "sft-mix-v3", "--base-model", "other/model");
        var root = JsonDocument.Parse(output).RootElement;
        Assert.Equal("sft-mix-v3", root.GetProperty("lineage").GetProperty("data_version").GetString());
        Assert.Equal("other/model", root.GetProperty("lineage").GetProperty("base_model").GetString());
        Assert.Equal("unverifiable", root.GetProperty("lineage_sources").GetProperty("data").GetProperty("status").GetString());
        Assert.Equal("""{"split":0.2}""", JsonSerializer.Serialize(root.GetProperty("lineage").GetProperty("config")));
        Assert.Equal(0, root.GetProperty("lineage").GetProperty("seed").GetInt32());
    }

    [Fact]
    public async Task Config_from_dvc_params_with_stage()
    {
        var (code, output, err) = await Run("--json", "--config-from-dvc-params", "--dvc-lock", "dvc.lock", "--dvc-stage", "prepare");
        Assert.True(code == 0, err);
        var config = JsonDocument.Parse(output).RootElement.GetProperty("lineage").GetProperty("config");
        Assert.Equal("""{"params.yaml":{"prepare.split":0.2}}""", JsonSerializer.Serialize(config));
    }

    [Fact]
    public async Task Repeated_stage_and_dvc_file_options()
    {
        _repo.Commit(
            "dvc files",
            ("data/tok.dvc", "outs:\n- md5: 9999\n  path: tokenizer\n"),
            ("data/other.dvc", "outs:\n- etag: e1\n  path: other.bin\n"));
        var (code, output, err) = await Run(
            "--json", "--dvc-stage", "train", "--dvc-stage", "prepare", "--dvc-file", "data/tok.dvc", "--dvc-file", "./data/other.dvc");
        Assert.True(code == 0, err);
        var data = JsonDocument.Parse(output).RootElement.GetProperty("lineage_sources").GetProperty("data");
        Assert.Equal(["prepare", "train"], data.GetProperty("stages").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(
            ["data/other.dvc", "data/tok.dvc"],
            data.GetProperty("dvc_files").EnumerateArray().Select(e => e.GetProperty("path").GetString()));
        Assert.Equal(
            ["data/other.bin", "data/raw.jsonl", "data/tokenizer"],
            data.GetProperty("entries").EnumerateArray().Select(e => e.GetProperty("path").GetString()));
        var (bad, _, badErr) = await Run("--dvc-stage", "nope");
        Assert.Equal(2, bad);
        Assert.Contains("PIPE2153", badErr);
    }

    [Fact]
    public async Task Credentials_never_reach_any_output()
    {
        _repo.Git("remote", "add", "origin", "https://x-access-token:SECRET@github.com/o/r");
        var runs = new[]
        {
            await Run("--json"),
            await Run(),
            await Run("--json", "--seed", "x"),
            await Run("--json", "--rev", "nope"),
            await Run("--json", "--dvc-lock", "missing.lock"),
        };
        Assert.Contains("https://github.com/o/r", runs[0].Stdout);
        foreach (var (_, output, error) in runs)
        {
            Assert.DoesNotContain("SECRET", output + error);
        }
    }

    [Fact]
    public async Task Not_a_repository_exits_3()
    {
        var dir = Directory.CreateTempSubdirectory("pipeline-norepo-");
        try
        {
            var result = await CliRunner.RunAsync(["fingerprint", "--repo", dir.FullName, "--json"]);
            Assert.Equal(3, result.ExitCode);
            Assert.Contains("PIPE1001", result.Stderr);
            Assert.Equal("PIPE1001", result.Json.GetProperty("error").GetProperty("code").GetString());
        }
        finally
        {
            dir.Delete(true);
        }
    }

    [Fact]
    public async Task Missing_sources_and_conflicts_exit_2()
    {
        _repo.Commit("no defaults", ("pipeline.yaml", "registry: {folder: registry}\n"));
        var (code, _, err) = await Run("--seed", "0");
        Assert.Equal(2, code);
        Assert.Contains("PIPE2200", err);
        (code, _, err) = await Run(
            "--config", "params.yaml", "--config-from-dvc-params", "--dvc-lock", "dvc.lock", "--base-model", "m", "--seed", "0");
        Assert.Equal(2, code);
        Assert.Contains("PIPE2201", err);
    }

    [Fact]
    public async Task Unknown_pipeline_yaml_key_is_reported_with_its_line()
    {
        _repo.Commit("typo", ("pipeline.yaml", "lineage:\n  dvc_lock: dvc.lock\n  seeed: 3\n"));
        var (code, _, err) = await Run();
        Assert.Equal(2, code);
        Assert.Contains("pipeline.yaml(3): error PIPE0010", err);
        Assert.Contains("lineage.seeed", err);
    }

    [Fact]
    public async Task Lineage_file_and_source_options_do_not_mix()
    {
        var file = _repo.Write("l.json", """{"data_version":"d","code_commit":"c","config":{},"base_model":"b","seed":0}""");
        var (code, _, err) = await Run("--lineage", file, "--seed", "1");
        Assert.Equal(2, code);
        Assert.Contains("PIPE0001", err);
    }
}
