using static Pipeline.Cli.Tests.Hostile.HostileCli;
using static Pipeline.Cli.Tests.Registry.Cli;

namespace Pipeline.Cli.Tests.Hostile;

/// <summary>Issue 15 point 26: doctor reports deleted and overwritten records, alias case variants and write debris.</summary>
public sealed class DoctorFindsEveryStateTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("pipeline-doctor-").FullName;
    private readonly string _repo;

    public DoctorFindsEveryStateTests()
    {
        _repo = NewRepo(Directory.CreateDirectory(Path.Combine(_root, "repo")).FullName);
        Assert.Equal(0, Run("register", "m", "--lineage", Lineage(_root, 1), "--repo", _repo).Code);
        Assert.Equal(0, Run("register", "m", "--lineage", Lineage(_root, 2), "--repo", _repo).Code);
        Assert.Equal(0, Run("doctor", "--repo", _repo).Code);
    }

    public void Dispose() => Delete(_root);

    private string[] Kinds()
    {
        var doctor = Run("doctor", "--repo", _repo, "--json");
        Assert.Equal(1, doctor.Code);
        return Json(doctor.Out).GetProperty("problems").EnumerateArray().Select(p => p.GetProperty("kind").GetString()!).ToArray();
    }

    [Fact]
    public void A_record_deleted_on_the_branch_is_reported()
    {
        RunGit(_repo, "rm", "-q", "registry/m/v0.0.1.json");
        RunGit(_repo, "commit", "-q", "-m", "oops");
        Assert.Contains("record-deleted", Kinds());
    }

    [Fact]
    public void An_overwritten_record_is_reported()
    {
        var path = Path.Combine(_repo, "registry", "m", "v0.0.2.json");
        File.WriteAllText(path, File.ReadAllText(path).Replace("\"seed\": 2", "\"seed\": 3", StringComparison.Ordinal));
        RunGit(_repo, "commit", "-q", "-am", "edit");
        Assert.Contains("record-overwritten", Kinds());
    }

    [Fact]
    public void Alias_case_variants_are_reported()
    {
        RunGit(_repo, "tag", "-a", "m#Prod#5", "m@v0.0.1^{commit}", "-m", "x");
        RunGit(_repo, "tag", "-a", "m#prod#6", "m@v0.0.2^{commit}", "-m", "x");
        Assert.Contains("alias-case-variant", Kinds());
    }

    [Fact]
    public void Debris_of_an_interrupted_write_is_reported_and_the_next_write_clears_it()
    {
        // What a writer killed between its working-tree write and its ref move leaves: its journal and a temp file.
        var head = RunGit(_repo, "rev-parse", "HEAD").Trim();
        Directory.CreateDirectory(Path.Combine(_repo, ".git", "pipeline"));
        File.WriteAllLines(Path.Combine(_repo, ".git", "pipeline", "pending-write"), [head, head, "refs/heads/main", "registry/m/v0.0.3.json"]);
        File.WriteAllText(Path.Combine(_repo, "registry", "m", "v0.0.3.json.1-abc.pipeline-tmp"), "{");
        var kinds = Kinds();
        Assert.Contains("interrupted-write", kinds);
        Assert.Contains("temp-file", kinds);

        File.Delete(Path.Combine(_repo, "registry", "m", "v0.0.3.json.1-abc.pipeline-tmp"));
        Assert.Equal(0, Run("register", "m", "--lineage", Lineage(_root, 3), "--repo", _repo).Code);
        Assert.Equal(0, Run("doctor", "--repo", _repo).Code);
    }
}
