using System.Text.Json;

namespace Pipeline.Cli.Tests.Gate;

/// <summary>
/// Issue 14 point 1: promote, assign and rollback move an alias only onto a reviewed version (record on the protected
/// ref, version tag on the commit that added it, lineage that re-verifies), and doctor reports what slipped past.
/// </summary>
public sealed class ReviewedPromotionTests : IDisposable
{
    private readonly TempGitRepo _repo = new();

    public ReviewedPromotionTests()
    {
        _repo.Write("gate.yaml", "suite: {name: mmlu, fingerprint: \"mmlu@abcd\"}\nmetric: mmlu\ndirection: maximize\nthreshold: 0.60\n");
        _repo.Commit("protected gate");
        _repo.Register("demo", "v1.0.0", "fp-1", 0.65);
        _repo.Assign("demo", "v1.0.0", "production", 1);
    }

    public void Dispose() => _repo.Dispose();

    private Task<CliResult> Cli(params string[] args) => CliRunner.RunAsync([.. args, "--repo", _repo.Root]);

    private string[] AliasTags() => _repo.Git("tag", "-l", "demo#*").Split('\n', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>The recipe: a better-scoring record committed and tagged on a branch nobody merged.</summary>
    private void ProposeOnUnmergedBranch(string version, double score)
    {
        _repo.Git("checkout", "-q", "-b", "evil");
        _repo.Register("demo", version, "fp-evil", score);
        _repo.Git("checkout", "-q", "main");
    }

    [Fact]
    public async Task Promote_refuses_a_record_that_never_merged_naming_the_version_and_the_ref()
    {
        ProposeOnUnmergedBranch("v2.0.0", 9.5);
        var before = AliasTags();

        var r = await Cli("promote", "demo", "--version", "v2.0.0", "--alias", "production");

        Assert.True(r.ExitCode == 1, r.Stdout + r.Stderr);
        Assert.Contains("error PIPE4100", r.Stderr);
        Assert.Contains("demo@v2.0.0", r.Stderr);
        Assert.Contains("protected ref main", r.Stderr);
        Assert.Equal(before, AliasTags());
        Assert.False(File.Exists(Path.Combine(_repo.Root, "registry", "demo", "decisions.jsonl")), "a refusal by review is not a gate hold");
    }

    [Fact]
    public async Task Assign_refuses_a_version_that_lives_only_on_a_pull_request_branch()
    {
        ProposeOnUnmergedBranch("v2.0.0", 0.7);

        var r = await Cli("assign", "demo", "--version", "v2.0.0", "--alias", "staging", "--json");

        Assert.True(r.ExitCode == 1, r.Stdout + r.Stderr);
        Assert.Equal("PIPE4100", JsonDocument.Parse(r.Stdout).RootElement.GetProperty("error").GetProperty("code").GetString());
        Assert.DoesNotContain(AliasTags(), t => t.StartsWith("demo#staging", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_same_version_is_accepted_once_its_branch_is_merged()
    {
        ProposeOnUnmergedBranch("v2.0.0", 0.7);
        Assert.Equal(1, (await Cli("assign", "demo", "--version", "v2.0.0", "--alias", "staging")).ExitCode);

        _repo.Git("merge", "-q", "--no-ff", "-m", "merge the reviewed proposal", "evil");

        var r = await Cli("assign", "demo", "--version", "v2.0.0", "--alias", "staging");
        Assert.True(r.ExitCode == 0, r.Stdout + r.Stderr);
    }

    [Fact]
    public async Task Promote_refuses_a_version_tag_moved_off_the_commit_that_added_the_record()
    {
        _repo.Register("demo", "v1.1.0", "fp-2", 0.71);
        var added = _repo.Git("rev-parse", "demo@v1.1.0^{commit}").Trim();
        _repo.Commit("a later commit");
        _repo.Git("tag", "-f", "-a", "demo@v1.1.0", "HEAD", "-m", "moved");

        var r = await Cli("promote", "demo", "--version", "v1.1.0", "--alias", "production");

        Assert.True(r.ExitCode == 1, r.Stdout + r.Stderr);
        Assert.Contains("error PIPE4101", r.Stderr);
        Assert.Contains("did not add registry/demo/v1.1.0.json", r.Stderr);
        Assert.Contains($"git tag -a demo@v1.1.0 {added[..12]}", r.Stderr); // the repairing command names the right commit
    }

    [Fact]
    public async Task Assign_refuses_a_version_whose_lineage_does_not_reverify()
    {
        // Registered carelessly: a lineage file names no sources, so nothing can be recomputed at its code_commit.
        var lineage = Path.Combine(_repo.Root, "..", Path.GetFileName(_repo.Root) + "-lineage.json");
        File.WriteAllText(
            lineage,
            "{\"data_version\": \"d\", \"code_commit\": \"" + _repo.Head + "\", \"config\": {}, \"base_model\": \"b\", \"seed\": 1}");
        try
        {
            var reg = await Cli("register", "demo", "--lineage", lineage, "--version", "v1.5.0",
                "--artifact", "s3://b/m.bin", "--artifact-sha256", new string('a', 64));
            Assert.True(reg.ExitCode == 0, reg.Stderr);

            var r = await Cli("assign", "demo", "--version", "v1.5.0", "--alias", "staging");

            Assert.True(r.ExitCode == 1, r.Stdout + r.Stderr);
            Assert.Contains("error PIPE4102", r.Stderr);
            Assert.Contains("lineage_sources", r.Stderr);
            Assert.Contains("pipeline verify --version demo@v1.5.0", r.Stderr);
        }
        finally
        {
            File.Delete(lineage);
        }
    }

    [Fact]
    public async Task Rollback_refuses_to_return_an_alias_to_an_unreviewed_version()
    {
        ProposeOnUnmergedBranch("v2.0.0", 0.9);
        _repo.Git("tag", "-a", "demo#production#2", "demo@v2.0.0^{commit}", "-m", "moved by hand"); // around every verb
        _repo.Register("demo", "v1.1.0", "fp-2", 0.95);
        Assert.Equal(0, (await Cli("assign", "demo", "--version", "v1.1.0", "--alias", "production")).ExitCode);

        var r = await Cli("rollback", "demo", "--alias", "production");

        Assert.True(r.ExitCode == 1, r.Stdout + r.Stderr);
        Assert.Contains("error PIPE4100", r.Stderr);
        Assert.Contains("demo@v2.0.0", r.Stderr);
        Assert.Equal(0, (await Cli("rollback", "demo", "--alias", "production", "--to", "v1.0.0")).ExitCode);
    }

    [Fact]
    public async Task Doctor_reports_an_alias_on_an_unmerged_version_and_the_abandoned_tag_with_their_fixes()
    {
        Assert.Equal(0, (await Cli("doctor")).ExitCode);
        ProposeOnUnmergedBranch("v2.0.0", 9.5);
        _repo.Git("tag", "-a", "demo#production#2", "demo@v2.0.0^{commit}", "-m", "moved by hand");

        var r = await Cli("doctor", "--json");

        Assert.Equal(1, r.ExitCode);
        var problems = JsonDocument.Parse(r.Stdout).RootElement.GetProperty("problems").EnumerateArray()
            .ToDictionary(
                p => p.GetProperty("kind").GetString()!,
                p => (Subject: p.GetProperty("subject").GetString()!, Fix: p.GetProperty("fix").GetString()!));
        Assert.Equal("demo#production", problems["alias-on-unreviewed"].Subject);
        Assert.Contains("pipeline rollback demo --alias production", problems["alias-on-unreviewed"].Fix);
        Assert.Equal("demo@v2.0.0", problems["abandoned-proposal"].Subject);
        Assert.Contains("git tag -d 'demo@v2.0.0'", problems["abandoned-proposal"].Fix);
    }

    [Fact]
    public async Task With_a_remote_the_protected_ref_is_the_branch_as_the_remote_has_it()
    {
        using var remote = new TempGitRepo(bare: true);
        _repo.Git("remote", "add", "origin", remote.Url);
        _repo.Git("push", "-q", "origin", "main");
        _repo.Register("demo", "v1.1.0", "fp-2", 0.71); // committed and tagged here, not pushed

        var unpushed = await Cli("promote", "demo", "--version", "v1.1.0", "--alias", "production");
        Assert.True(unpushed.ExitCode == 1, unpushed.Stdout + unpushed.Stderr);
        Assert.Contains("protected ref origin/main", unpushed.Stderr);

        _repo.Git("push", "-q", "origin", "main");
        var pushed = await Cli("promote", "demo", "--version", "v1.1.0", "--alias", "production");
        Assert.True(pushed.ExitCode == 0, pushed.Stdout + pushed.Stderr);
    }
}
