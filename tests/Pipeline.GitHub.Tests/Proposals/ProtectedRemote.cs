namespace Pipeline.GitHub.Tests.Proposals;

/// <summary>
/// A bare remote whose <c>main</c> is protected as on GitHub: a pre-receive hook refuses every update of
/// refs/heads/main except the test's merge step (the push option <c>pipeline-test-merge</c>, which only
/// <see cref="Merge"/> sends). Every ref pushed is logged, so tests can assert nobody else touched main. A clone
/// (<see cref="Work"/>) with a first commit on main is the training repository.
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
        Remote.Git("symbolic-ref", "HEAD", "refs/heads/main");
        var hook = Path.Combine(Remote.Root, "hooks", "pre-receive");
        File.WriteAllText(hook, $$"""
            #!/bin/sh
            # main is protected: only the test's merge step (push option {{MergeOption}}) may update it.
            allowed=no
            i=0
            while [ "$i" -lt "${GIT_PUSH_OPTION_COUNT:-0}" ]; do
              eval "opt=\$GIT_PUSH_OPTION_$i"
              [ "$opt" = "{{MergeOption}}" ] && allowed=yes
              i=$((i+1))
            done
            while read old new ref; do
              echo "$ref" >> "$GIT_DIR/pushes.log"
              if [ "$ref" = "refs/heads/main" ] && [ "$allowed" != yes ]; then
                echo "protected branch hook declined: main accepts merged pull requests only" >&2
                exit 1
              fi
            done
            exit 0

            """.Replace("\r\n", "\n"));
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(hook, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    /// <summary>Refs pushed to the remote since protection, in order.</summary>
    public IReadOnlyList<string> Pushes =>
        File.Exists(Path.Combine(Remote.Root, "pushes.log")) ? File.ReadAllLines(Path.Combine(Remote.Root, "pushes.log")) : [];

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
