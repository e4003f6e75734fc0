using static Pipeline.Cli.Tests.Hostile.HostileCli;
using static Pipeline.Cli.Tests.Registry.Cli;

namespace Pipeline.Cli.Tests.Hostile;

/// <summary>Issue 15 points 4, 17 and 18: absurd counters, tags on trees and blobs, Windows-reserved names.</summary>
public sealed class HostileTagTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("pipeline-hostile-tags-").FullName;
    private readonly string _repo;

    public HostileTagTests()
    {
        _repo = NewRepo(Directory.CreateDirectory(Path.Combine(_root, "repo")).FullName);
        Assert.Equal(0, Run(["register", "m", .. Sources(_repo, 1), "--repo", _repo]).Code);
        Assert.Equal(0, Run(["register", "m", .. Sources(_repo, 2), "--repo", _repo]).Code);
    }

    public void Dispose() => Delete(_root);

    [Fact]
    public void A_counter_near_ten_to_the_eighteen_is_read_and_the_next_assign_is_seen()
    {
        RunGit(_repo, "tag", "-a", "m#staging#999999999999999999", "m@v0.0.1^{commit}", "-m", "hostile");
        var assign = Run("assign", "m", "--version", "v0.0.2", "--alias", "staging", "--repo", _repo, "--json");
        Assert.True(assign.Code == 0, assign.Err);
        Assert.Equal("m#staging#1000000000000000000", HostileCli.Json(assign.Out).GetProperty("tag").GetString());
        Assert.Equal("v0.0.2", HostileCli.Json(Run("show", "m#staging", "--repo", _repo, "--json").Out).GetProperty("version").GetString());

        var doctor = Run("doctor", "--repo", _repo, "--json");
        Assert.Equal(1, doctor.Code);
        Assert.Contains(
            HostileCli.Json(doctor.Out).GetProperty("problems").EnumerateArray(),
            p => p.GetProperty("kind").GetString() == "absurd-counter");
    }

    [Fact]
    public void A_counter_past_the_range_stops_alias_writes_with_its_code_instead_of_a_write_nobody_reads()
    {
        RunGit(_repo, "tag", "-a", "m#prod#99999999999999999999999", "m@v0.0.1^{commit}", "-m", "hostile");
        var before = RunGit(_repo, "tag", "-l").Trim();
        var assign = Run("assign", "m", "--version", "v0.0.2", "--alias", "staging", "--repo", _repo);
        Assert.Equal(2, assign.Code);
        Assert.Contains("PIPE3022", assign.Err);
        Assert.Equal(before, RunGit(_repo, "tag", "-l").Trim());
    }

    [Fact]
    public void Tags_on_trees_and_blobs_are_reported_not_answered_and_their_counters_count()
    {
        var tree = RunGit(_repo, "rev-parse", "HEAD^{tree}").Trim();
        var blob = RunGit(_repo, "rev-parse", "HEAD:train.py").Trim();
        RunGit(_repo, "tag", "-a", "m#prod#3", tree, "-m", "on a tree");
        RunGit(_repo, "tag", "m#staging#7", blob);

        var list = Run("list", "--repo", _repo, "--json");
        Assert.True(list.Code == 0, list.Err);
        Assert.DoesNotContain("prod", list.Out);
        var show = Run("show", "m", "--repo", _repo, "--json");
        Assert.True(show.Code == 0, show.Err);
        var doctor = Run("doctor", "--repo", _repo, "--json");
        Assert.Equal(1, doctor.Code);
        Assert.Equal(
            2,
            HostileCli.Json(doctor.Out)
                .GetProperty("problems")
                .EnumerateArray()
                .Count(p => p.GetProperty("kind").GetString() == "tag-on-non-commit"));

        var assign = Run("assign", "m", "--version", "v0.0.1", "--alias", "staging", "--repo", _repo, "--json");
        Assert.True(assign.Code == 0, assign.Err);
        Assert.Equal("m#staging#8", HostileCli.Json(assign.Out).GetProperty("tag").GetString());
    }

    [Theory]
    [InlineData("register", "con")]
    [InlineData("register", "org/nul/m")]
    [InlineData("register", "lpt1")]
    [InlineData("alias", "aux")]
    [InlineData("alias", "com1")]
    public void Windows_reserved_names_are_refused_in_any_segment(string where, string name)
    {
        var r = where == "register"
            ? Run(["register", name, .. Sources(_repo, 9), "--repo", _repo])
            : Run("assign", "m", "--version", "v0.0.1", "--alias", name, "--repo", _repo);
        Assert.Equal(2, r.Code);
        Assert.Contains("PIPE3021", r.Err);
        Assert.Contains("Windows", r.Err);
    }

    [Fact]
    public void History_orders_alias_moves_by_counter_when_a_clock_is_two_years_ahead()
    {
        var psi = new System.Diagnostics.ProcessStartInfo("git") { WorkingDirectory = _repo, RedirectStandardError = true };
        foreach (var a in new[] { "tag", "-a", "m#prod#1", "m@v0.0.1^{commit}", "-m", "skewed writer" })
        {
            psi.ArgumentList.Add(a);
        }

        psi.Environment["GIT_COMMITTER_DATE"] = DateTimeOffset.UtcNow.AddYears(2).ToString("yyyy-MM-ddTHH:mm:ssZ");
        using (var p = System.Diagnostics.Process.Start(psi)!) { p.WaitForExit(); Assert.Equal(0, p.ExitCode); }
        Assert.Equal(0, Run("assign", "m", "--version", "v0.0.2", "--alias", "prod", "--repo", _repo).Code);

        var history = HostileCli.Json(Run("history", "m", "--repo", _repo, "--json").Out).GetProperty("events").EnumerateArray()
            .Where(e => e.GetProperty("kind").GetString() == "assignment").ToArray();
        Assert.Equal("m#prod#2", history[^1].GetProperty("tag").GetString());
        Assert.Equal("v0.0.2", HostileCli.Json(Run("show", "m#prod", "--repo", _repo, "--json").Out).GetProperty("version").GetString());
    }
}
