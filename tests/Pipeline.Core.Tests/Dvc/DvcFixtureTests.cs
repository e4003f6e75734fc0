using Pipeline.Core.Canonical;
using Pipeline.Core.Diagnostics;
using Pipeline.Core.Dvc;

namespace Pipeline.Core.Tests.Dvc;

/// <summary>Every dvc.lock and .dvc fixture parses; their data inputs are pinned by hand (which dep is what).</summary>
public sealed class DvcFixtureTests
{
    private static readonly string[] GetStartedCode = [
        "src/prepare.py", "src/featurization.py", "src/train.py", "src/evaluate.py", "params.yaml", "dvc.yaml"];

    public static TheoryData<string> Locks() =>
        new(RepoPaths.Fixtures("*").Select(Path.GetFileName).Where(n => n!.Contains("dvc.lock")).Select(n => n!));

    public static TheoryData<string> DvcFiles() =>
        new(RepoPaths.Fixtures("*")
            .Select(Path.GetFileName)
            .Where(n => n!.Contains(".dvc") && !n.Contains("dvc.lock") && !n.Contains("dvc.yaml"))
            .Select(n => n!));

    [Fact]
    public void There_are_fixtures_to_read()
    {
        Assert.True(Locks().Count >= 7);
        Assert.True(DvcFiles().Count >= 4);
    }

    [Theory]
    [MemberData(nameof(Locks))]
    public void Every_lock_parses(string name)
    {
        var dvcLock = DvcLock.Parse(RepoPaths.FixtureBytes(name), "dvc.lock");
        Assert.NotEmpty(dvcLock.Stages);
        Assert.All(dvcLock.Stages, s => Assert.All(s.Deps.Concat(s.Outs), e => Assert.True(e.HasContentHash, e.Path)));
        Assert.Equal(name.Contains("@72ed9cd") ? "1.0" : "2.0", dvcLock.Schema);
    }

    [Theory]
    [MemberData(nameof(DvcFiles))]
    public void Every_dvc_file_parses(string name)
    {
        var file = DvcFile.Parse(RepoPaths.FixtureBytes(name), "data/x.dvc");
        Assert.NotEmpty(file.Outs);
        Assert.All(file.Outs, o => Assert.StartsWith("data/", o.Path));
    }

    [Fact]
    public void Get_started_dvc3_pins_data_outputs_and_code()
    {
        var dvcLock = DvcLock.Parse(RepoPaths.FixtureBytes("iterative__example-get-started__dvc.lock"), "dvc.lock");
        var inputs = DataVersion.Compute(dvcLock, [], [], p => GetStartedCode.Contains(p));
        var only = Assert.Single(inputs.Entries);
        Assert.Equal("data/data.xml", only.Path);
        Assert.Equal("""{"hash":"md5","md5":"22a1a2931c8370d3aeedd7183606fd7f","path":"data/data.xml"}""", CanonicalJson.Write(only.ToValue()));
        Assert.Equal(["data/features", "data/prepared", "model.pkl"], inputs.StageOutputs);
        Assert.Equal(["src/evaluate.py", "src/featurization.py", "src/prepare.py", "src/train.py"], inputs.TrackedCode);
        Assert.StartsWith("dvc:", inputs.Version);
        Assert.Equal(68, inputs.Version.Length);
    }

    [Fact]
    public void Dvc2_and_dvc3_locks_of_the_same_data_differ_by_the_hash_marker()
    {
        var v3 = DvcLock.Parse(RepoPaths.FixtureBytes("iterative__example-get-started__dvc.lock"), "dvc.lock");
        var v2 = DvcLock.Parse(RepoPaths.FixtureBytes("iterative__example-get-started__dvc.lock@799c9ad"), "dvc.lock");
        var a = DataVersion.Compute(v3, [], [], p => GetStartedCode.Contains(p));
        var b = DataVersion.Compute(v2, [], [], p => GetStartedCode.Contains(p));
        Assert.Equal(a.Entries[0].Hashes.Single(h => h.Key == "md5"), b.Entries[0].Hashes.Single(h => h.Key == "md5"));
        Assert.NotEqual(a.Version, b.Version);
    }

    [Fact]
    public void Old_layout_without_schema_reads_stages_at_top_level()
    {
        var dvcLock = DvcLock.Parse(RepoPaths.FixtureBytes("iterative__example-get-started__dvc.lock@72ed9cd"), "dvc.lock");
        Assert.Equal(["prepare", "featurize", "train", "evaluate"], dvcLock.Stages.Select(s => s.Name));
        Assert.Equal(["prc.json", "scores.json"], dvcLock.Find("evaluate")!.Outs.Select(o => o.Path));
    }

    [Fact]
    public void Untracked_code_dep_counts_as_data()
    {
        // Without a git answer, src/*.py would be data: the tracked set is what keeps code out of data_version.
        var dvcLock = DvcLock.Parse(RepoPaths.FixtureBytes("18kimn__asmr__dvc.lock"), "dvc.lock");
        var inputs = DataVersion.Compute(dvcLock, [], [], _ => false);
        Assert.Equal(6, inputs.Entries.Count);
        Assert.Contains(inputs.Entries, e => e.Path == "src/get_panoramas.py");
    }

    [Fact]
    public void A_dvc_file_that_disagrees_with_the_lock_is_refused()
    {
        var dvcLock = DvcLock.Parse(RepoPaths.FixtureBytes("iterative__example-get-started__dvc.lock"), "dvc.lock");
        var old = DvcFile.Parse(RepoPaths.FixtureBytes("iterative__example-get-started__data__data.xml.dvc@00f7eff"), "data/data.xml.dvc");
        var ex = Assert.Throws<PipelineException>(() => DataVersion.Compute(dvcLock, [], [old], p => GetStartedCode.Contains(p)));
        Assert.Equal(PipeCodes.DvcConflictingHash, ex.Code);
        Assert.Contains("data/data.xml", ex.Message);
        Assert.Equal("data/data.xml.dvc", ex.File);
    }

    [Fact]
    public void Import_dvc_file_keeps_only_its_outs()
    {
        var file = DvcFile.Parse(RepoPaths.FixtureBytes("iterative__example-get-started__data__data.xml.dvc"), "data/data.xml.dvc");
        var out_ = Assert.Single(file.Outs);
        Assert.Equal("data/data.xml", out_.Path);
        Assert.Equal(["md5", "hash"], out_.Hashes.Select(h => h.Key));
    }

    [Fact]
    public void Params_become_one_config_per_file()
    {
        var dvcLock = DvcLock.Parse(RepoPaths.FixtureBytes("iterative__example-get-started__dvc.lock"), "dvc.lock");
        var config = DvcParams.Config(dvcLock, ["train"]);
        Assert.Equal(
            """{"params.yaml":{"featurize.max_features":200,"featurize.ngrams":2,"prepare.seed":20170428,"prepare.split":0.2,"train.min_split":""" +
            """0.01,"train.n_est":50,"train.seed":20170428}}""",
            CanonicalJson.Write(config));
    }

    [Fact]
    public void Nested_params_merge_across_stages()
    {
        var dvcLock = DvcLock.Parse(RepoPaths.FixtureBytes("iterative__example-get-started-experiments__dvc.lock"), "dvc.lock");
        var config = (ObjectValue)DvcParams.Config(dvcLock, [])["params.yaml"]!;
        Assert.Equal(["base", "data_split", "train", "evaluate"], config.Members.Select(m => m.Key));
        Assert.Equal("""{"base_lr":0.01,"epochs":8}""", CanonicalJson.Write(((ObjectValue)config["train"]!)["fine_tune_args"]!));
    }
}
