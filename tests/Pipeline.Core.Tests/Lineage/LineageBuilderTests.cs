using Pipeline.Core.Canonical;
using Pipeline.Core.Diagnostics;
using Pipeline.Core.Lineage;

namespace Pipeline.Core.Tests.Lineage;

public sealed class LineageBuilderTests
{
    private const string Sha = "0123456789abcdef0123456789abcdef01234567";

    private const string LockText = """
        schema: '2.0'
        stages:
          prepare:
            cmd: python src/prepare.py
            deps:
            - path: data/raw.jsonl
              hash: md5
              md5: aaaa
            - path: src/prepare.py
              hash: md5
              md5: bbbb
            params:
              params.yaml:
                prepare.split: 0.2
            outs:
            - path: data/prepared
              hash: md5
              md5: cccc.dir
          train:
            cmd: python src/train.py
            deps:
            - path: data/prepared
              hash: md5
              md5: cccc.dir
            params:
              params.yaml:
                train:
                  lr: 2e-5
                  lora_r: 16
        """;

    private static MemorySnapshot Repo(string? lockText = null) => new(Sha, new Dictionary<string, string>
    {
        ["dvc.lock"] = lockText ?? LockText,
        ["params.yaml"] = "train:\n  lr: 2e-5\n  lora_r: 16\n  opt:\n    name: adamw\nprepare.split: 0.2\n",
        ["src/prepare.py"] = "print()\n",
        ["src/train.py"] = "print()\n",
        ["cfg.json"] = """{"lr": 0.1}""",
    });

    private static readonly LineageSourceOptions Options = new()
    {
        ConfigPath = "params.yaml",
        ConfigKey = "train",
        DvcLock = "dvc.lock",
        BaseModel = "Qwen/Qwen3-8B",
        Seed = 0,
    };

    [Fact]
    public void Builds_the_required_fields_in_order()
    {
        var r = LineageBuilder.Build(Repo(), Options);
        Assert.Equal(LineageFields.Required, r.Lineage.Members.Select(m => m.Key));
        Assert.Equal(Sha, ((StringValue)r.Lineage["code_commit"]!).Value);
        Assert.Equal("""{"lora_r":16,"lr":2e-05,"opt":{"name":"adamw"}}""", CanonicalJson.Write(r.Lineage["config"]!));
        Assert.Equal(Fingerprint.Compute(r.Lineage), r.Fingerprint);
        var entry = Assert.Single(r.Data!.Entries);
        Assert.Equal("data/raw.jsonl", entry.Path);
        Assert.Equal(["src/prepare.py"], r.Data.TrackedCode);
    }

    [Fact]
    public void Same_inputs_same_result()
    {
        var a = LineageBuilder.Build(Repo(), Options);
        var b = LineageBuilder.Build(Repo(), Options with { DvcStages = [] });
        Assert.Equal(a.Fingerprint, b.Fingerprint);
        Assert.Equal(CanonicalJson.Write(a.Sources), CanonicalJson.Write(b.Sources));
    }

    [Fact]
    public void Sources_record_paths_blobs_entries_and_stripped_remote()
    {
        var r = LineageBuilder.Build(
            Repo(),
            Options with { DvcStages = ["train"] },
            dirty: false,
            remoteUrl: "https://x-access-token:SECRET@github.com/o/r");
        var s = CanonicalJson.Write(r.Sources);
        Assert.DoesNotContain("SECRET", s);
        Assert.Contains("\"remote\":\"https://github.com/o/r\"", s);
        var data = (ObjectValue)r.Sources["data"]!;
        Assert.Equal("dvc.lock", ((StringValue)data["lock"]!).Value);
        Assert.Equal(40, ((StringValue)data["lock_blob"]!).Value.Length);
        Assert.Equal("""[{"hash":"md5","md5":"aaaa","path":"data/raw.jsonl"}]""", CanonicalJson.Write(data["entries"]!));
        Assert.Equal("""["train"]""", CanonicalJson.Write(data["stages"]!));
        var config = (ObjectValue)r.Sources["config"]!;
        Assert.Equal("params.yaml", ((StringValue)config["path"]!).Value);
        Assert.Equal("train", ((StringValue)config["key"]!).Value);
        Assert.Equal(((StringValue)config["blob"]!).Value, Repo().BlobId("params.yaml"));
    }

    [Fact]
    public void Dirty_is_outside_required_and_does_not_change_the_fingerprint()
    {
        var clean = LineageBuilder.Build(Repo(), Options);
        var dirty = LineageBuilder.Build(Repo(), Options, dirty: true);
        Assert.Equal(clean.Fingerprint, dirty.Fingerprint);
        Assert.IsType<BoolValue>(dirty.Lineage["dirty"]);
        Assert.Null(clean.Lineage["dirty"]);
        Assert.True(((BoolValue)dirty.Sources["dirty"]!).Value);
    }

    [Fact]
    public void Label_data_version_is_unverifiable()
    {
        var r = LineageBuilder.Build(Repo(), Options with { DvcLock = null, DataVersionLabel = "sft-mix-v3" });
        Assert.Equal("sft-mix-v3", ((StringValue)r.Lineage["data_version"]!).Value);
        Assert.Equal("""{"label":"sft-mix-v3","source":"label","status":"unverifiable"}""", CanonicalJson.Write(r.Sources["data"]!));
        Assert.Null(r.Data);
    }

    [Fact]
    public void Seed_example_through_the_builder()
    {
        var snap = new MemorySnapshot("a1b2c3d", new() { ["c.json"] = """{"lr": 2e-5, "lora_r": 16}""" });
        var r = LineageBuilder.Build(
            snap,
            new LineageSourceOptions { ConfigPath = "c.json", DataVersionLabel = "sft-mix-v3", BaseModel = "Qwen/Qwen3-8B", Seed = 0 });
        Assert.Equal("b06a681fb46bb8d9aceed5caf216654a5dcb3ccc55f3c5965abbaae565ab830d", r.Fingerprint);
    }

    [Fact]
    public void Config_from_dvc_params()
    {
        var r = LineageBuilder.Build(Repo(), Options with { ConfigPath = null, ConfigKey = null, ConfigFromDvcParams = true });
        Assert.Equal("""{"params.yaml":{"prepare.split":0.2,"train":{"lora_r":16,"lr":2e-05}}}""", CanonicalJson.Write(r.Lineage["config"]!));
        Assert.Equal("dvc_params", ((StringValue)((ObjectValue)r.Sources["config"]!)["source"]!).Value);
    }

    [Theory]
    [InlineData("train.opt.name", "\"adamw\"")]
    [InlineData("prepare.split", "0.2")]
    public void Config_keys_exact_then_dotted(string key, string expected)
    {
        var r = LineageBuilder.Build(Repo(), Options with { ConfigKey = key });
        Assert.Equal(expected, CanonicalJson.Write(r.Lineage["config"]!));
    }

    [Fact]
    public void Missing_config_key_names_the_file()
    {
        var ex = Assert.Throws<PipelineException>(() => LineageBuilder.Build(Repo(), Options with { ConfigKey = "train.nope" }));
        Assert.Equal(PipeCodes.ConfigKeyMissing, ex.Code);
        Assert.Equal("params.yaml", ex.File);
        Assert.Contains("lora_r", ex.Message);
    }

    [Fact]
    public void Json_config_files_use_the_json_reader()
    {
        var r = LineageBuilder.Build(Repo(), Options with { ConfigPath = "cfg.json", ConfigKey = null });
        Assert.Equal("""{"lr":0.1}""", CanonicalJson.Write(r.Lineage["config"]!));
    }

    [Fact]
    public void Seed_change_and_data_change_change_the_fingerprint()
    {
        var a = LineageBuilder.Build(Repo(), Options);
        Assert.NotEqual(a.Fingerprint, LineageBuilder.Build(Repo(), Options with { Seed = 1 }).Fingerprint);
        Assert.NotEqual(a.Fingerprint, LineageBuilder.Build(Repo(LockText.Replace("md5: aaaa", "md5: aaab")), Options).Fingerprint);
        // A stage output's hash is not a data input: changing it alone leaves data_version alone.
        Assert.Equal(a.Fingerprint, LineageBuilder.Build(Repo(LockText.Replace("cccc.dir", "dddd.dir")), Options).Fingerprint);
    }

    [Theory]
    [InlineData(null, null, false, "dvc.lock", "x", 0, "LineageSourceMissing")]
    [InlineData("params.yaml", null, true, "dvc.lock", "x", 0, "LineageSourceConflict")]
    [InlineData("params.yaml", "lbl", false, "dvc.lock", "x", 0, "LineageSourceConflict")]
    [InlineData("params.yaml", null, false, null, "x", 0, "LineageSourceMissing")]
    [InlineData("params.yaml", null, false, "dvc.lock", null, 0, "LineageSourceMissing")]
    [InlineData("params.yaml", null, false, "dvc.lock", " ", 0, "BaseModelInvalid")]
    [InlineData("missing.yaml", null, false, "dvc.lock", "x", 0, "FileMissingAtCommit")]
    [InlineData("../x.yaml", null, false, "dvc.lock", "x", 0, "DvcPathOutsideRepo")]
    public void Bad_source_combinations_are_refused(
        string? config, string? label, bool fromParams, string? lockPath, string? baseModel, int seed, string code)
    {
        var o = new LineageSourceOptions
        {
            ConfigPath = config,
            DataVersionLabel = label,
            ConfigFromDvcParams = fromParams,
            DvcLock = lockPath,
            BaseModel = baseModel,
            Seed = seed
        };
        var ex = Assert.Throws<PipelineException>(() => LineageBuilder.Build(Repo(), o));
        Assert.Equal(typeof(PipeCodes).GetField(code)!.GetValue(null), ex.Code);
    }

    [Theory]
    [InlineData(false, null)]
    [InlineData(true, null)]
    [InlineData(false, "lbl")]
    public void Replaying_the_recorded_sources_rebuilds_the_same_lineage(bool fromParams, string? label)
    {
        var options = Options with
        {
            ConfigPath = fromParams ? null : "params.yaml",
            ConfigFromDvcParams = fromParams,
            ConfigKey = fromParams ? null : "train",
            DvcLock = label is null ? "dvc.lock" : null,
            DataVersionLabel = label,
            DvcStages = label is null ? ["train"] : [],
        };
        var first = LineageBuilder.Build(Repo(), options);
        var replayed = LineageBuilder.Build(Repo(), LineageReplay.Options(first.Lineage, first.Sources));
        Assert.Equal(first.Fingerprint, replayed.Fingerprint);
        Assert.Equal(CanonicalJson.Write(first.Sources), CanonicalJson.Write(replayed.Sources));
    }

    [Fact]
    public void Replaying_malformed_sources_is_refused()
    {
        var first = LineageBuilder.Build(Repo(), Options);
        var broken = new ObjectValue(first.Sources.Members.Where(m => m.Key != "config").ToArray());
        Assert.Equal(PipeCodes.LineageSourcesInvalid, Assert.Throws<PipelineException>(() => LineageReplay.Options(first.Lineage, broken)).Code);
    }

    [Fact]
    public void Missing_seed_is_refused()
    {
        var ex = Assert.Throws<PipelineException>(() => LineageBuilder.Build(Repo(), Options with { Seed = null }));
        Assert.Contains("--seed", ex.Message);
    }
}
