using System.Globalization;
using Pipeline.Core.Diagnostics;
using Pipeline.Git.Registry;

namespace Pipeline.Git.Signing;

/// <summary>
/// Signed alias tags, opt-in through git's own settings: with <c>gpg.format ssh</c> and <c>user.signingkey</c> in the
/// clone's config, every alias event (assign, promote, rollback, unassign) is written by <c>git tag -s</c>. libgit2 (and
/// so LibGit2Sharp) cannot sign a tag, so this one write goes through the git CLI, as compare-and-swap and push do.
/// </summary>
public static class TagSigning
{
    /// <summary>The signing key when this clone signs (gpg.format ssh and user.signingkey set), else null.</summary>
    public static string? Key(LibGit2Sharp.Repository repo)
    {
        var format = repo.Config.Get<string>("gpg.format")?.Value;
        var key = repo.Config.Get<string>("user.signingkey")?.Value;
        return string.Equals(format, "ssh", StringComparison.OrdinalIgnoreCase) && !string.IsNullOrWhiteSpace(key) ? key : null;
    }

    /// <summary>
    /// <c>git tag -s --cleanup=verbatim -F - NAME COMMIT</c> with the identity as tagger. An existing tag on the same
    /// commit is success (a re-run), elsewhere PIPE3011, exactly as an unsigned tag write.
    /// </summary>
    internal static void Create(string repoPath, LibGit2Sharp.Repository repo, string name, string commit, string message, GitIdentity identity)
    {
        var offset = identity.When.Offset;
        var environment = new Dictionary<string, string>
        {
            ["GIT_COMMITTER_NAME"] = identity.Name,
            ["GIT_COMMITTER_EMAIL"] = identity.Email,
            ["GIT_COMMITTER_DATE"] = string.Create(CultureInfo.InvariantCulture,
                $"{identity.When.ToUnixTimeSeconds()} " +
                $"{(offset < TimeSpan.Zero ? '-' : '+')}{Math.Abs(offset.Hours):00}{Math.Abs(offset.Minutes):00}"),
        };
        var output = GitCli.Run(repoPath, ["tag", "-s", "--cleanup=verbatim", "-F", "-", name, commit], message, environment);
        if (output.Ok)
        {
            return;
        }

        if (output.StdErr.Contains("already exists", StringComparison.Ordinal))
        {
            var existing = repo.Tags[name];
            var peeled = existing?.PeeledTarget?.Sha;
            if (peeled == commit && existing?.IsAnnotated == true)
            {
                return;
            }

            throw new PipelineException(PipeCodes.TagConflict, $"tag '{name}' already exists on {peeled ?? "?"} (wanted {commit})");
        }

        throw new PipelineException(PipeCodes.TagSigningFailed,
            $"git tag -s {name} failed (gpg.format ssh, user.signingkey {Key(repo)}): {Diagnostic.OneLine(output.StdErr.Trim())}");
    }
}
