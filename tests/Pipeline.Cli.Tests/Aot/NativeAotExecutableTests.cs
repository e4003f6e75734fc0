using static Pipeline.Cli.Tests.Registry.Cli;

namespace Pipeline.Cli.Tests.Aot;

/// <summary>
/// The Native AOT executable against the JIT build, verb by verb, in a real repository: every git-reading verb must
/// print the same bytes and exit the same way (under AOT, LibGit2Sharp's discovery once answered "not a git repository"
/// for every repository), writes must find the identity in the global git config, and the GitHub API verbs must say
/// clearly that this build leaves them out.
/// </summary>
public sealed class NativeAotExecutableTests : IClassFixture<AotExecutable>, IDisposable
{
    private readonly AotExecutable _aot;
    private readonly string _repo = NewRepo();
    private readonly string _home = Directory.CreateTempSubdirectory("pipeline-aot-home-").FullName;

    public NativeAotExecutableTests(AotExecutable aot) => _aot = aot;

    public void Dispose()
    {
        TempFolder.Delete(_repo);
        TempFolder.Delete(_home);
    }

    [AotFact]
    public void Every_git_reading_verb_prints_what_the_JIT_build_prints()
    {
        Jit(["register", "demo", .. Sources(_repo, 1)]);
        Jit(["register", "demo", .. Sources(_repo, 2)]);
        Jit("assign", "demo", "--version", "v0.0.1", "--alias", "production", "--reason", "first");
        Jit("assign", "demo", "--version", "v0.0.2", "--alias", "production", "--reason", "better");
        var lineage = Lineage(_repo, 7);
        var firstRecord = GitProcess.Run(_repo, "rev-list", "--max-parents=0", "HEAD").Trim();
        string[][] verbs =
        [
            ["fingerprint", "--lineage", lineage],
            ["fingerprint", "--lineage", lineage, "--json"],
            ["fingerprint", .. Sources(_repo, 3, artifact: false), "--repo", _repo, "--json"],
            ["show", "demo", "--repo", _repo],
            ["show", "demo@v0.0.1", "--repo", _repo, "--json"],
            ["show", "demo#production", "--repo", _repo],
            ["list", "--repo", _repo],
            ["list", "--repo", _repo, "--json"],
            ["history", "demo", "--repo", _repo],
            ["history", "demo", "--repo", _repo, "--json"],
            ["resolve", "demo#production", "--repo", _repo, "--json"],
            ["resolve", "demo#production", "--repo", _repo, "--format", "env"],
            ["check-ref", "demo#production#1", "--repo", _repo, "--json"],
            ["check-ref", "demo@v0.0.2", "--repo", _repo],
            ["doctor", "--repo", _repo],
            ["verify", "--repo", _repo, "--base", firstRecord, "--no-fetch", "--json"],
            ["show", "nope", "--repo", _repo],
            ["show", "demo", "--repo", Path.GetTempPath()],
        ];

        foreach (var args in verbs)
        {
            var jit = CliProcess.RunExecutable(null, _repo, Environment(), args);
            var aot = CliProcess.RunExecutable(_aot.Path, _repo, Environment(), args);
            var what = "pipeline " + string.Join(' ', args);
            Assert.True(jit.ExitCode == aot.ExitCode, $"{what}: exit {jit.ExitCode} (JIT) vs {aot.ExitCode} (AOT)\nJIT: {jit}\nAOT: {aot}");
            Assert.True(jit.Stdout == aot.Stdout, $"{what}: stdout differs\nJIT: {jit.Stdout}\nAOT: {aot.Stdout}\nAOT stderr: {aot.Stderr}");
            Assert.True(jit.Stderr == aot.Stderr, $"{what}: stderr differs\nJIT: {jit.Stderr}\nAOT: {aot.Stderr}");
        }

        // Not vacuous: the reads found the registry (a false "not a git repository" would be equal on both sides only if
        // both builds were broken).
        Assert.Contains("v0.0.2", CliProcess.RunExecutable(_aot.Path, _repo, Environment(), "list", "--repo", _repo).Stdout);
    }

    [AotFact]
    public void Register_and_assign_sign_with_the_identity_from_the_global_git_config()
    {
        GitProcess.Run(_repo, "config", "--unset", "user.name");
        GitProcess.Run(_repo, "config", "--unset", "user.email");
        File.WriteAllText(Path.Combine(_home, ".gitconfig"), "[user]\n\tname = Global Person\n\temail = global@example.com\n");

        var register = Aot(["register", "demo", .. Sources(_repo, 1)]);
        var assign = Aot("assign", "demo", "--version", "v0.0.1", "--alias", "production");

        Assert.True(register.ExitCode == 0, register.ToString());
        Assert.True(assign.ExitCode == 0, assign.ToString());
        Assert.Equal("Global Person <global@example.com>", GitProcess.Run(_repo, "log", "-1", "--format=%an <%ae>", "main").Trim());
        Assert.Equal("Global Person <global@example.com>",
            GitProcess.Run(_repo, "for-each-ref", "--format=%(taggername) %(taggeremail)", "refs/tags/demo#production#1").Trim());
    }

    [AotFact]
    public void A_proposal_with_a_token_says_the_GitHub_API_is_not_in_this_build_and_names_the_compare_URL()
    {
        var remote = Directory.CreateTempSubdirectory("pipeline-aot-remote-").FullName;
        try
        {
            GitProcess.Run(remote, "init", "-q", "--bare", "-b", "main");
            GitProcess.Run(_repo, "remote", "add", "origin", remote);
            GitProcess.Run(_repo, "push", "-q", "origin", "main");
            var env = Environment();
            env["GITHUB_TOKEN"] = "ghs_not-used";
            env["GITHUB_REPOSITORY"] = "octo/models";

            var result = CliProcess.RunExecutable(_aot.Path, _repo, env, ["register", "demo", .. Sources(_repo, 1), "--propose", "--repo", _repo]);

            Assert.Equal(3, result.ExitCode);
            Assert.Contains("PIPE5063", result.Stderr);
            Assert.Contains("https://github.com/octo/models/compare/main...pipeline/demo/v0.0.1", result.Stderr);
            Assert.Contains("dotnet tool install", result.Stderr);
            // The branch was pushed: the pull request can still be opened by hand.
            Assert.Contains("pipeline/demo/v0.0.1", GitProcess.Run(remote, "branch", "--list"));
        }
        finally
        {
            TempFolder.Delete(remote);
        }
    }

    /// <summary>The same environment for both builds: a HOME of our own (no machine git config), no system config.</summary>
    private Dictionary<string, string?> Environment() => new()
    {
        ["HOME"] = _home,
        ["XDG_CONFIG_HOME"] = null,
        ["GIT_CONFIG_GLOBAL"] = null,
        ["GITHUB_TOKEN"] = null,
        ["GIT_COMMITTER_NAME"] = null,
        ["GIT_COMMITTER_EMAIL"] = null,
    };

    private void Jit(params string[] args)
    {
        var result = CliProcess.RunExecutable(null, _repo, Environment(), [.. args, "--repo", _repo]);
        Assert.True(result.ExitCode == 0, $"pipeline {string.Join(' ', args)}: {result}");
    }

    private CliResult Aot(params string[] args) => CliProcess.RunExecutable(_aot.Path, _repo, Environment(), [.. args, "--repo", _repo]);
}
