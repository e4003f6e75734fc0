using LibGit2Sharp;
using Pipeline.Core.Diagnostics;
using Pipeline.Git.Registry;

namespace Pipeline.Git.Gate;

/// <summary>A ref and the commit it names, as resolved once for one command.</summary>
public sealed record ProtectedRef(string Name, string Commit);

/// <summary>
/// The ref reviewed work lands on, which promotion trusts: <c>--gate-ref</c> when given; else the registry branch
/// (<c>registry.branch</c> of pipeline.yaml, else the checked-out branch) as the remote has it (<c>origin/BRANCH</c>)
/// when the clone has an origin; else the local branch (a repository without a remote has no other review). On a
/// detached HEAD with no branch given, the default branch (origin/HEAD, origin/main, …, main, master).
/// A local commit nobody pushed is never on the protected ref, so it can never be promoted.
/// </summary>
public static class ProtectedRegistryRef
{
    public const string Remote = "origin";

    public static ProtectedRef Resolve(RegistryStore store, string? gateRef) => GitFailure.Translate(() =>
    {
        using var repo = store.Open();
        if (!string.IsNullOrWhiteSpace(gateRef))
        {
            return Named(repo, gateRef) ?? Named(repo, $"{Remote}/{gateRef}")
                ?? throw new PipelineException(
                    PipeCodes.GateRefUnresolved,
                    $"cannot resolve the ref given with --gate-ref: '{gateRef}' is not in this clone");
        }

        if (store.Branch is not { } branch)
        {
            // A detached checkout (CI) with no --branch: the default branch, found as the gate file's ref is.
            using var git = Reading.GitRepository.Discover(store.RepoPath);
            var (name, commit) = ProtectedGate.Resolve(git, null, _ => null);
            return new ProtectedRef(name, commit);
        }

        if (repo.Network.Remotes[Remote] is not null)
        {
            return Named(repo, $"refs/remotes/{Remote}/{branch}") is { } remote
                ? remote with { Name = $"{Remote}/{branch}" }
                : throw new PipelineException(PipeCodes.GateRefUnresolved,
                    $"the registry branch '{branch}' is not known as {Remote} has it (no refs/remotes/{Remote}/{branch}): fetch it (git fetch " +
                    $"{Remote} {branch}), push it first, or pass --gate-ref");
        }

        return Named(repo, $"refs/heads/{branch}") is { } local
            ? local with { Name = branch }
            : throw new PipelineException(PipeCodes.GateRefUnresolved, $"the registry branch '{branch}' has no commits in this repository");
    });

    private static ProtectedRef? Named(LibGit2Sharp.Repository repo, string name)
    {
        if (name.StartsWith('-'))
        {
            return null;
        }

        try
        {
            return repo.Lookup(name)?.Peel<Commit>() is { } commit ? new ProtectedRef(name, commit.Sha) : null;
        }
        catch (LibGit2SharpException)
        {
            return null;
        }
        catch (ArgumentException)
        {
            return null;
        }
    }
}
