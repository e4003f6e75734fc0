namespace Pipeline.GitHub.Tests.Proposals;

/// <summary>
/// A bare remote whose <c>main</c> is protected as on GitHub: a pre-receive hook refuses every update of
/// refs/heads/main except the test's merge step (the push option <c>pipeline-test-merge</c>, which only
/// <see cref="Merge"/> sends). Every ref pushed is logged, so tests can assert nobody else touched main. A clone
/// (<see cref="Work"/>) with a first commit on main is the training repository.
/// Once a token is granted (<see cref="Grant"/>, as the workflow harness does for each job's GITHUB_TOKEN and each app
/// token), the remote also checks credentials the way GitHub does over HTTPS: a push that is not the merge step must
/// carry a known token (the push option <c>token=…</c>, which the harness's actions/checkout stand-in persists in the
/// clone as the real one persists its http.extraheader) whose permissions include contents: write.
/// </summary>
internal sealed class ProtectedRemote : IDisposable
{
    public const string MergeOption = "pipeline-test-merge";

    public ProtectedRemote()
    {
        Remote = new TempGitRepo(bare: true);
        Remote.Git("config", "receive.advertisePushOptions", "true");
        Work = new TempGitRepo();
        Work.Git("remote", "add", "origin", Remote.Url);
    }

    public TempGitRepo Remote { get; }

    public TempGitRepo Work { get; }

    /// <summary>Pushes the work repository's main (before protection), then installs the hook.</summary>
    public void Protect()
    {
        Work.Git("push", "-q", "origin", "main");
        InstallHook();
    }

    /// <summary>Pushes main and every tag of the repository in <paramref name="source"/> (a registry built elsewhere), then installs the
    /// hook.</summary>
    public void Protect(string source)
    {
        GitProcess.Run(source, "push", "-q", Remote.Url, "main", "--tags");
        InstallHook();
    }

    private void InstallHook()
    {
        Remote.Git("symbolic-ref", "HEAD", "refs/heads/main");
        var hook = Path.Combine(Remote.Root, "hooks", "pre-receive");
        File.WriteAllText(hook, $$"""
            #!/bin/sh
            # main is protected: only the test's merge step (push option {{MergeOption}}) may update it.
            allowed=no
            token=
            i=0
            while [ "$i" -lt "${GIT_PUSH_OPTION_COUNT:-0}" ]; do
              eval "opt=\$GIT_PUSH_OPTION_$i"
              [ "$opt" = "{{MergeOption}}" ] && allowed=yes
              case "$opt" in token=*) token="${opt#token=}" ;; esac
              i=$((i+1))
            done
            # Credentials, as GitHub checks them over HTTPS, once the harness granted tokens.
            if [ -f "$GIT_DIR/{{TokensFile}}" ] && [ "$allowed" != yes ]; then
              if [ -z "$token" ] || ! grep -q "^$token " "$GIT_DIR/{{TokensFile}}"; then
                echo "Invalid username or password." >&2
                exit 1
              fi
              if ! grep -q "^$token contents=write$" "$GIT_DIR/{{TokensFile}}"; then
                echo "Permission to octo/models.git denied to github-actions[bot]." >&2
                exit 1
              fi
            fi
            accepted=
            while read old new ref; do
              echo "$ref" >> "$GIT_DIR/pushes.log"
              if [ "$ref" = "refs/heads/main" ] && [ "$allowed" != yes ]; then
                echo "protected branch hook declined: main accepts merged pull requests only" >&2
                exit 1
              fi
              accepted="$accepted$token $ref
            "
            done
            [ -n "$token" ] && printf '%s' "$accepted" >> "$GIT_DIR/{{TokenPushesFile}}"
            exit 0

            """.Replace("\r\n", "\n"));
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(hook, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    private const string TokensFile = "pipeline-tokens";

    /// <summary>Lets <paramref name="token"/> push when <paramref name="contentsWrite"/> (GitHub's contents: write).</summary>
    public void Grant(string token, bool contentsWrite) =>
        File.AppendAllText(Path.Combine(Remote.Root, TokensFile), $"{token} contents={(contentsWrite ? "write" : "read")}\n");

    /// <summary>
    /// What GitHub keeps for an open pull request: refs/pull/N/head and refs/pull/N/merge (a test merge commit of the
    /// branch into main), the commit a pull_request workflow checks out. Returns the merge commit.
    /// </summary>
    public string PullRequestRefs(string branch, int number)
    {
        using var clone = new TempGitRepo(cloneFrom: Remote.Url);
        clone.Git("checkout", "-q", "--detach", "origin/main");
        clone.Git("merge", "-q", "--no-ff", "-m", $"Merge {branch} into main", $"origin/{branch}");
        clone.Git("push", "-q", "-o", MergeOption, "origin", $"origin/{branch}:refs/pull/{number}/head", $"HEAD:refs/pull/{number}/merge");
        return clone.Head;
    }

    /// <summary>Refs pushed to the remote since protection, in order.</summary>
    public IReadOnlyList<string> Pushes =>
        File.Exists(Path.Combine(Remote.Root, "pushes.log")) ? File.ReadAllLines(Path.Combine(Remote.Root, "pushes.log")) : [];

    private const string TokenPushesFile = "pushes-by-token.log";

    /// <summary>Refs accepted from pushes that carried a token (workflow pushes), in order, with the token.</summary>
    public IReadOnlyList<(string Token, string Ref)> TokenPushes =>
        File.Exists(Path.Combine(Remote.Root, TokenPushesFile))
            ? File.ReadAllLines(Path.Combine(Remote.Root, TokenPushesFile))
                .Where(l => l.Length > 0)
                .Select(l => (l.Split(' ')[0], l.Split(' ', 2)[1]))
                .ToArray()
            : [];

    public string? RemoteRef(string name) => Remote.TryGit("rev-parse", "--verify", "-q", name) is { Code: 0 } r ? r.Out.Trim() : null;

    /// <summary>GitHub's merge button: a merge commit of the branch into main, pushed with the merge option.</summary>
    public string Merge(string branch, int number)
    {
        using var clone = new TempGitRepo(cloneFrom: Remote.Url);
        clone.Git("checkout", "-q", "main");
        clone.Git("merge", "-q", "--no-ff", "-m", $"Merge pull request #{number} from octo/{branch}", $"origin/{branch}");
        clone.Git("push", "-q", "-o", MergeOption, "origin", "main");
        return clone.Head;
    }

    public void Dispose()
    {
        Work.Dispose();
        Remote.Dispose();
    }
}
