using System.Text.Json;
using Pipeline.GitHub.Tests.FakeGitHub;

namespace Pipeline.GitHub.Tests.Proposals;

/// <summary>
/// register --propose against a protected remote and the strict fake GitHub: one commit on pipeline/MODEL/VERSION
/// based on main's tip, the checkout untouched, no tag, a pull request opened once and updated after.
/// </summary>
public sealed class ProposeTests : IDisposable
{
    private readonly ProtectedRemote _repos = new();
    private readonly FakeGitHubServer _github = new();

    public ProposeTests()
    {
        _repos.Work.Commit("training code", ("train.py", "print('train')\n"));
        _repos.Protect();
        _github.BranchExists = (_, branch) => _repos.RemoteRef($"refs/heads/{branch}") is not null;
    }

    private TempGitRepo Work => _repos.Work;

    private string Lineage(string seed = "0") =>
        Work.Write(
            $"../lineage-{seed}-{Guid.NewGuid():N}.json",
            $$"""{"data_version": "d", "code_commit": "{{Work.Head}}", "config": {"lr": 2e-05}, "base_model": "b", "seed": {{seed}}}""");

    private Dictionary<string, string?> Env(string? token = "ghs_installation") => new()
    {
        ["GITHUB_TOKEN"] = token,
        ["GITHUB_API_URL"] = _github.ApiUrl,
        ["GITHUB_REPOSITORY"] = "octo/models",
        ["GITHUB_SERVER_URL"] = "https://github.example",
    };

    private CliResult Propose(string lineage, Dictionary<string, string?>? env = null, params string[] more) =>
        CliProcess.Run(Work.Root, env ?? Env(), ["register", "demo", "--lineage", lineage, "--propose", "--json", .. more]);

    [Fact]
    public void Propose_pushes_one_commit_on_a_new_branch_and_opens_the_pull_request_without_a_tag()
    {
        var head = Work.Head;
        var status = Work.Status();
        var result = Propose(Lineage());
        Assert.True(result.ExitCode == 0, result.ToString());
        var json = result.Json;
        Assert.Equal(("proposed", "v0.0.1", "pipeline/demo/v0.0.1", "main"),
            (json.GetProperty("outcome").GetString(),
                json.GetProperty("version").GetString(),
                json.GetProperty("branch").GetString(),
                json.GetProperty("base").GetString()));

        // One commit on the remote branch, whose parent is main's tip, adding the record and model.json only.
        var commit = _repos.RemoteRef("refs/heads/pipeline/demo/v0.0.1");
        Assert.Equal(json.GetProperty("commit").GetString(), commit);
        Assert.Equal(head, _repos.Remote.Git("rev-parse", $"{commit}^").Trim());
        Assert.Equal(["registry/demo/model.json", "registry/demo/v0.0.1.json"],
            _repos.Remote.Git("diff-tree", "--no-commit-id", "--name-only", "-r", commit!).Split('\n', StringSplitOptions.RemoveEmptyEntries));
        // No tag anywhere, main untouched, the user's checkout untouched.
        Assert.Empty(Work.Git("tag", "--list").Trim());
        Assert.Empty(_repos.Remote.Git("tag", "--list").Trim());
        Assert.Equal(head, _repos.RemoteRef("refs/heads/main"));
        Assert.Equal((head, "main", status), (Work.Head, Work.Git("branch", "--show-current").Trim(), Work.Status()));
        Assert.DoesNotContain("refs/heads/main", _repos.Pushes);

        var pull = Assert.Single(_github.PullRequests);
        Assert.Equal(
            ("Register demo v0.0.1", "pipeline/demo/v0.0.1", "main", FakeGitHubServer.ActionsBot),
            (pull.Title, pull.Head, pull.Base, pull.User));
        Assert.Contains(json.GetProperty("fingerprint").GetString()!, pull.Body);
        Assert.Equal(pull.Number, json.GetProperty("pull_request").GetProperty("number").GetInt32());
        Assert.True(json.GetProperty("pull_request").GetProperty("created").GetBoolean());
        Assert.Empty(_github.Refusals);
    }

    [Fact]
    public void Propose_again_with_the_same_lineage_updates_the_one_pull_request()
    {
        var lineage = Lineage();
        Assert.Equal(0, Propose(lineage).ExitCode);
        var first = _repos.RemoteRef("refs/heads/pipeline/demo/v0.0.1");
        var again = Propose(lineage);
        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Equal(("unchanged", "v0.0.1"), (again.Json.GetProperty("outcome").GetString(), again.Json.GetProperty("version").GetString()));
        Assert.Equal(first, _repos.RemoteRef("refs/heads/pipeline/demo/v0.0.1"));
        Assert.Single(_github.PullRequests);
        Assert.False(again.Json.GetProperty("pull_request").GetProperty("created").GetBoolean());
        Assert.Contains(_github.Sent, r => r.Method == "PATCH" && r.Path.EndsWith("/pulls/1", StringComparison.Ordinal));
        Assert.Empty(_github.Refusals);
    }

    [Fact]
    public void Propose_after_main_moved_rebuilds_the_branch_on_the_new_tip()
    {
        var lineage = Lineage();
        Assert.Equal(0, Propose(lineage).ExitCode);
        using (var other = new TempGitRepo(cloneFrom: _repos.Remote.Url))
        {
            other.Commit("docs", ("README.md", "x\n"));
            other.Git("push", "-q", "-o", ProtectedRemote.MergeOption, "origin", "main");
        }

        var again = Propose(lineage);
        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Equal("updated", again.Json.GetProperty("outcome").GetString());
        var tip = _repos.RemoteRef("refs/heads/main");
        Assert.Equal(tip, _repos.Remote.Git("rev-parse", "refs/heads/pipeline/demo/v0.0.1^").Trim());
        Assert.Single(_github.PullRequests);
    }

    [Fact]
    public void A_second_lineage_takes_the_next_version_beside_the_open_proposal()
    {
        Assert.Equal(0, Propose(Lineage("0")).ExitCode);
        var second = Propose(Lineage("1"));
        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.Equal("v0.0.2", second.Json.GetProperty("version").GetString());
        Assert.Equal(2, _github.PullRequests.Count);

        var taken = Propose(Lineage("2"), null, "--version", "v0.0.1");
        Assert.Equal(2, taken.ExitCode);
        Assert.Contains("PIPE3102", taken.Stdout + taken.Stderr);
    }

    [Fact]
    public void Without_a_token_the_branch_is_pushed_and_the_compare_url_printed()
    {
        var result = Propose(Lineage(), Env(token: null));
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(
            "https://github.example/octo/models/compare/main...pipeline/demo/v0.0.1?expand=1",
            result.Json.GetProperty("compare_url").GetString());
        Assert.Equal(JsonValueKind.Null, result.Json.GetProperty("pull_request").ValueKind);
        Assert.Contains("PIPE5061", result.Stderr);
        Assert.NotNull(_repos.RemoteRef("refs/heads/pipeline/demo/v0.0.1"));
        Assert.Empty(_github.Sent);
    }

    [Fact]
    public void A_token_refused_by_the_repository_setting_is_PIPE5060_with_the_compare_url()
    {
        _github.ActionsMayCreatePullRequests = false;
        var result = Propose(Lineage());
        Assert.Equal(3, result.ExitCode);
        Assert.Contains("PIPE5060", result.Stdout);
        Assert.Contains("compare/main...pipeline/demo/v0.0.1", result.Stdout);
        Assert.NotNull(_repos.RemoteRef("refs/heads/pipeline/demo/v0.0.1"));
    }

    [Fact]
    public void Direct_register_push_to_the_protected_main_is_refused_by_the_hook()
    {
        // The other mode, for an unprotected registry branch: here the hook says no, and nothing is left behind.
        var result = CliProcess.Run(Work.Root, Env(), "register", "demo", "--lineage", Lineage(), "--push", "--json");
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("protected branch hook declined", result.Stdout + result.Stderr);
        Assert.Empty(_repos.Remote.Git("tag", "--list").Trim());
    }

    [Fact]
    public void Verify_fails_a_proposal_whose_version_main_gained_meanwhile()
    {
        Assert.Equal(0, Propose(Lineage()).ExitCode);
        using (var other = new TempGitRepo(cloneFrom: _repos.Remote.Url))
        {
            other.Commit("another registration", ("registry/demo/v0.0.1.json", "{}\n"));
            other.Git("push", "-q", "-o", ProtectedRemote.MergeOption, "origin", "main");
        }

        Work.Git("fetch", "-q", "origin");
        var verify = CliProcess.Run(
            Work.Root, Env(null), "verify", "--base", "origin/main", "--head", "pipeline/demo/v0.0.1", "--no-fetch", "--json");
        Assert.Equal(1, verify.ExitCode);
        Assert.Contains("PIPE3120", verify.Stdout);
    }

    [Fact]
    public void Verify_fails_a_proposal_whose_version_tag_points_elsewhere()
    {
        Assert.Equal(0, Propose(Lineage()).ExitCode);
        Work.Git("tag", "-a", "-m", "abandoned registration", "demo@v0.0.1", "main");
        var verify = CliProcess.Run(Work.Root, Env(null), "verify", "--base", "main", "--head", "pipeline/demo/v0.0.1", "--no-fetch", "--json");
        Assert.Equal(1, verify.ExitCode);
        Assert.Contains("PIPE3121", verify.Stdout);

        Work.Git("tag", "-d", "demo@v0.0.1");
        var clean = CliProcess.Run(Work.Root, Env(null), "verify", "--base", "main", "--head", "pipeline/demo/v0.0.1", "--no-fetch", "--json");
        Assert.DoesNotContain("PIPE3121", clean.Stdout);
        Assert.DoesNotContain("PIPE3120", clean.Stdout);
    }

    public void Dispose()
    {
        _github.Dispose();
        _repos.Dispose();
    }
}
