using System.Text;
using Pipeline.Core.Diagnostics;
using Pipeline.Core.Dvc;

namespace Pipeline.Core.Tests.Dvc;

public sealed class DvcRulesTests
{
    private static DvcLock Lock(string yaml, string path = "dvc.lock") => DvcLock.Parse(Encoding.UTF8.GetBytes(yaml), path);

    [Theory]
    [InlineData("../outside.csv")]
    [InlineData("data/../../outside.csv")]
    [InlineData("/abs/data.csv")]
    [InlineData("C:/data.csv")]
    public void Paths_leaving_the_repository_are_refused(string path)
    {
        var ex = Assert.Throws<PipelineException>(
            () => Lock($"schema: '2.0'\nstages:\n  s:\n    cmd: x\n    deps:\n    - path: {path}\n      md5: ab\n"));
        Assert.Equal(PipeCodes.DvcPathOutsideRepo, ex.Code);
        Assert.Equal(6, ex.Line);
        Assert.Equal("dvc.lock", ex.File);
    }

    // 'wdir: ..' in a .dvc file one folder down names the repository root (old DVC stage files in stages/): it was
    // refused as "names the repository root", unlike the Python golden reference (normpath of dirname + wdir).
    [Theory]
    [InlineData("stages/x.dvc", "..", "data/a.csv")]
    [InlineData("a/b/x.dvc", "../..", "data/a.csv")]
    [InlineData("a/b/x.dvc", "..", "a/data/a.csv")]
    public void A_wdir_may_name_the_repository_root(string file, string wdir, string expected)
    {
        var f = DvcFile.Parse(Encoding.UTF8.GetBytes($"wdir: {wdir}\nouts:\n- md5: ab\n  path: data/a.csv\n"), file);
        Assert.Equal(expected, f.Outs[0].Path);
    }

    [Fact]
    public void A_wdir_above_the_repository_is_refused()
    {
        var ex = Assert.Throws<PipelineException>(
            () => DvcFile.Parse(Encoding.UTF8.GetBytes("wdir: ../..\nouts:\n- md5: ab\n  path: a.csv\n"), "stages/x.dvc"));
        Assert.Equal(PipeCodes.DvcPathOutsideRepo, ex.Code);
        Assert.Equal(1, ex.Line);
        Assert.Contains("wdir '../..'", ex.Message);
    }

    [Fact]
    public void Dot_slash_and_subfolder_locks_normalise()
    {
        var l = Lock("schema: '2.0'\nstages:\n  s:\n    cmd: x\n    deps:\n    - path: ./data//a/../b.csv\n      md5: ab\n", "ml/dvc.lock");
        Assert.Equal("ml/data/b.csv", l.Stages[0].Deps[0].Path);
    }

    [Fact]
    public void A_parent_path_that_stays_inside_is_fine()
    {
        var l = Lock("schema: '2.0'\nstages:\n  s:\n    cmd: x\n    deps:\n    - path: ../common/b.csv\n      md5: ab\n", "ml/dvc.lock");
        Assert.Equal("common/b.csv", l.Stages[0].Deps[0].Path);
    }

    [Fact]
    public void Urls_are_kept_verbatim()
    {
        var l = Lock("schema: '2.0'\nstages:\n  s:\n    cmd: x\n    deps:\n    - path: s3://Bucket/./a/../b\n      etag: x\n");
        Assert.Equal("s3://Bucket/./a/../b", l.Stages[0].Deps[0].Path);
    }

    [Fact]
    public void Same_path_twice_with_different_hashes_is_refused()
    {
        var l = Lock(
            "schema: '2.0'\nstages:\n  a:\n    cmd: x\n    deps:\n    - path: d.csv\n      md5: aa\n  b:\n    cmd: y\n    deps:\n    - path: " +
            "./d.csv\n      md5: bb\n");
        var ex = Assert.Throws<PipelineException>(() => DataVersion.Compute(l, [], [], _ => false));
        Assert.Equal(PipeCodes.DvcConflictingHash, ex.Code);
        Assert.Equal(11, ex.Line);
    }

    [Fact]
    public void Same_path_twice_with_same_hash_is_one_entry()
    {
        var l = Lock(
            "schema: '2.0'\nstages:\n  a:\n    cmd: x\n    deps:\n    - path: d.csv\n      md5: aa\n  b:\n    cmd: y\n    deps:\n    - path: " +
            "./d.csv\n      md5: aa\n");
        Assert.Single(DataVersion.Compute(l, [], [], _ => false).Entries);
    }

    [Fact]
    public void Data_input_without_hash_is_refused()
    {
        var l = Lock("schema: '2.0'\nstages:\n  a:\n    cmd: x\n    deps:\n    - path: d.csv\n      size: 3\n");
        Assert.Equal(PipeCodes.DvcEntryWithoutHash, Assert.Throws<PipelineException>(() => DataVersion.Compute(l, [], [], _ => false)).Code);
    }

    [Fact]
    public void Unknown_stage_lists_the_stages()
    {
        var l = Lock("schema: '2.0'\nstages:\n  prepare:\n    cmd: x\n  train:\n    cmd: y\n");
        var ex = Assert.Throws<PipelineException>(() => DataVersion.Compute(l, ["trian"], [], _ => false));
        Assert.Equal(PipeCodes.DvcStageUnknown, ex.Code);
        Assert.Contains("prepare, train", ex.Message);
    }

    [Fact]
    public void Unsupported_schema_is_refused()
    {
        Assert.Equal(PipeCodes.DvcLockInvalid, Assert.Throws<PipelineException>(() => Lock("schema: '3.0'\nstages: {}\n")).Code);
        Assert.Equal(
            PipeCodes.DvcLockInvalid,
            Assert.Throws<PipelineException>(() => Lock("schema: '2.0'\nstages:\n  a:\n    deps: {path: x}\n")).Code);
    }

    [Fact]
    public void Conflicting_params_are_refused()
    {
        var l = Lock(
            "schema: '2.0'\nstages:\n  a:\n    cmd: x\n    params:\n      params.yaml:\n        seed: 1\n  b:\n    cmd: y\n    params:\n      " +
            "params.yaml:\n        seed: 2\n");
        var ex = Assert.Throws<PipelineException>(() => DvcParams.Config(l, []));
        Assert.Equal(PipeCodes.DvcParamsConflict, ex.Code);
        Assert.Equal(12, ex.Line);
        Assert.Equal("""{"params.yaml":{"seed":2}}""", Pipeline.Core.Canonical.CanonicalJson.Write(DvcParams.Config(l, ["b"])));
    }

    [FsCheck.Xunit.Property(MaxTest = 100)]
    public bool Dep_order_never_changes_the_data_version(int seed)
    {
        var deps = Enumerable.Range(0, 6).Select(i => $"    - path: data/f{i}.csv\n      md5: {i:x2}{i:x2}\n").ToList();
        var shuffled = deps.OrderBy(_ => new Random(seed).Next()).ToList();
        var shuffled2 = deps.OrderBy(d => (d.GetHashCode() ^ seed) & 0xff).ToList();
        string Y(IEnumerable<string> d) => "schema: '2.0'\nstages:\n  a:\n    cmd: x\n    deps:\n" + string.Concat(d);
        return DataVersion.Compute(Lock(Y(shuffled)), [], [], _ => false).Version
            == DataVersion.Compute(Lock(Y(shuffled2)), [], [], _ => false).Version;
    }

    [FsCheck.Xunit.Property(MaxTest = 50)]
    public bool Any_hash_change_changes_the_data_version(byte b)
    {
        var hex = b.ToString("x2");
        var other = ((byte)(b + 1)).ToString("x2");
        string Y(string h) => $"schema: '2.0'\nstages:\n  a:\n    cmd: x\n    deps:\n    - path: d.csv\n      md5: {h}ff\n";
        return DataVersion.Compute(Lock(Y(hex)), [], [], _ => false).Version != DataVersion.Compute(Lock(Y(other)), [], [], _ => false).Version;
    }
}
