using Pipeline.Core.Diagnostics;
using Pipeline.Core.Gate;

namespace Pipeline.Git.Gate;

/// <summary>The gate as read from the protected ref, and whether the working copy's file says something else.</summary>
public sealed record ProtectedGateFile(GateFile Gate, string Ref, string Commit, bool WorkingCopyDiffers);

/// <summary>
/// Reads gate.yaml from the PROTECTED ref, never from the working copy: a candidate branch that edits gate.yaml must
/// not be able to loosen its own gate. The ref is, in order: the one given; <c>origin/$GITHUB_BASE_REF</c> on a pull
/// request; the remote's default branch (<c>origin/HEAD</c>); then origin/main, origin/master, main, master.
/// </summary>
public static class ProtectedGate
{
    public static ProtectedGateFile Read(GateGit repo, string path, string? gateRef, Func<string, string?> environment)
    {
        var (refName, commit) = Resolve(repo, gateRef, environment);
        var bytes = repo.ReadFileAt(commit, path)
            ?? throw new PipelineException(PipeCodes.GateFileMissing, $"'{path}' is not in the protected ref {refName} ({commit[..12]})", path);

        var origin = $"{refName}:{path}";
        var gate = GateFile.Parse(bytes, origin) with { Commit = commit };
        var working = Path.Combine(repo.Root, path);
        var differs = File.Exists(working) && !File.ReadAllBytes(working).AsSpan().SequenceEqual(bytes);
        return new ProtectedGateFile(gate, refName, commit, differs);
    }

    public static (string Ref, string Commit) Resolve(GateGit repo, string? gateRef, Func<string, string?> environment)
    {
        if (!string.IsNullOrWhiteSpace(gateRef))
        {
            return (gateRef, repo.ResolveCommit(gateRef) ?? throw Unresolved(gateRef, "the ref given with --gate-ref"));
        }

        if (environment("GITHUB_BASE_REF") is { Length: > 0 } baseRef)
        {
            var name = "origin/" + baseRef;
            return (name, repo.ResolveCommit(name) ?? throw Unresolved(name, "the pull request's base branch (GITHUB_BASE_REF)"));
        }

        foreach (var candidate in new[] { "origin/HEAD", "origin/main", "origin/master", "main", "master" })
        {
            if (repo.ResolveCommit(candidate) is { } sha)
            {
                return (candidate, sha);
            }
        }

        throw Unresolved("origin/HEAD", "the default branch (tried origin/HEAD, origin/main, origin/master, main, master)");
    }

    private static PipelineException Unresolved(string name, string what) =>
        new(PipeCodes.GateRefUnresolved, $"cannot resolve {what}: '{name}' is not in this clone");
}
