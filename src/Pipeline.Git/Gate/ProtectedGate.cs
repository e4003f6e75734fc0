using Pipeline.Core.Diagnostics;
using Pipeline.Core.Gate;
using Pipeline.Core.Project;
using Pipeline.Git.Reading;

namespace Pipeline.Git.Gate;

/// <summary>The gate as read from the protected ref, and whether the working copy's file says something else.</summary>
public sealed record ProtectedGateFile(GateFile Gate, string Ref, string Commit, string Path, bool WorkingCopyDiffers);

/// <summary>
/// Reads the gate file from the PROTECTED ref, never from the working copy: a candidate branch that edits gate.yaml
/// must not be able to loosen its own gate. The ref is, in order: <c>--gate-ref</c>; <c>origin/$GITHUB_BASE_REF</c> on a
/// pull request; the remote's default branch (<c>origin/HEAD</c>), then origin/main, origin/master, main, master.
/// The <c>gate:</c> section of pipeline.yaml (file, protected_ref) is honoured only as committed at that ref too:
/// read from the working copy, it would let the candidate point the gate at its own branch or at a laxer file.
/// </summary>
public static class ProtectedGate
{
    public static ProtectedGateFile Read(GitRepository repo, string? path, string? gateRef, Func<string, string?> environment)
    {
        var (refName, commit) = Resolve(repo, gateRef, environment);
        var file = path;
        if (gateRef is null && TryRead(repo, commit, ProjectConfig.FileName) is { } configBytes)
        {
            var config = ProjectConfig.Parse(configBytes, $"{refName}:{ProjectConfig.FileName}");
            if (config.ProtectedRef is { Length: > 0 } configured)
            {
                (refName, commit) = ResolveNamed(repo, configured)
                    ?? throw Unresolved(configured, $"the protected_ref of {refName}:{ProjectConfig.FileName}");
            }

            file ??= config.GateFile;
        }

        file ??= ProjectConfig.DefaultGateFile;
        var bytes = TryRead(repo, commit, file)
            ?? throw new PipelineException(PipeCodes.GateFileMissing, $"'{file}' is not in the protected ref {refName} ({commit[..12]})", file);

        var gate = GateFile.Parse(bytes, $"{refName}:{file}") with { Commit = commit };
        var working = System.IO.Path.Combine(repo.Root, file);
        var differs = File.Exists(working) && !File.ReadAllBytes(working).AsSpan().SequenceEqual(bytes);
        return new ProtectedGateFile(gate, refName, commit, file, differs);
    }

    public static (string Ref, string Commit) Resolve(GitRepository repo, string? gateRef, Func<string, string?> environment)
    {
        if (!string.IsNullOrWhiteSpace(gateRef))
        {
            return ResolveNamed(repo, gateRef) ?? throw Unresolved(gateRef, "the ref given with --gate-ref");
        }

        if (environment("GITHUB_BASE_REF") is { Length: > 0 } baseRef)
        {
            var name = "origin/" + baseRef;
            return (name, TryResolve(repo, name) ?? throw Unresolved(name, "the pull request's base branch (GITHUB_BASE_REF)"));
        }

        foreach (var candidate in new[] { "origin/HEAD", "origin/main", "origin/master", "main", "master" })
        {
            if (TryResolve(repo, candidate) is { } sha)
            {
                return (candidate, sha);
            }
        }

        throw Unresolved("origin/HEAD", "the default branch (tried origin/HEAD, origin/main, origin/master, main, master)");
    }

    /// <summary>A branch name as given, else its remote-tracking twin (CI clones often have origin/main but no main).</summary>
    private static (string, string)? ResolveNamed(GitRepository repo, string name) =>
        TryResolve(repo, name) is { } sha ? (name, sha)
        : TryResolve(repo, "origin/" + name) is { } remote ? ("origin/" + name, remote)
        : null;

    private static string? TryResolve(GitRepository repo, string rev)
    {
        if (rev.StartsWith('-'))
        {
            return null;
        }

        try
        {
            return repo.ResolveCommit(rev);
        }
        catch (PipelineException ex) when (ex.Code == PipeCodes.RevisionUnknown || ex.Code == PipeCodes.RepositoryEmpty)
        {
            return null;
        }
    }

    private static byte[]? TryRead(GitRepository repo, string commit, string path)
    {
        var clean = path.Replace('\\', '/').TrimStart('/');
        return repo.BlobIdAt(commit, clean) is null ? null : repo.ReadFileAt(commit, clean);
    }

    private static PipelineException Unresolved(string name, string what) =>
        new(PipeCodes.GateRefUnresolved, $"cannot resolve {what}: '{name}' is not in this clone");
}
