using LibGit2Sharp;
using Pipeline.Core.Diagnostics;
using Pipeline.Core.Project;

namespace Pipeline.Git.Verify;

/// <summary>
/// Where verify looks: the options when given, else what <c>pipeline.yaml</c> says at the given commits (register
/// writes to <c>registry.folder</c>, so verify must read the same folder or it checks nothing and passes).
/// </summary>
internal static class VerifyLayout
{
    public static (IReadOnlyList<string> RegistryDirs, string GateFile) Resolve(
        LibGit2Sharp.Repository repo,
        IReadOnlyList<string> commits,
        VerifyOptions options)
    {
        var configs = options.RegistryDir is null || options.GateFile is null
            ? commits.Select(sha => Config(repo, sha)).ToList()
            : [];
        var dirs = options.RegistryDir is { } given
            ? [RepoPath(given, "--registry-dir", PipeCodes.UsageError, null)]
            : configs.Select(c => RepoPath(c.RegistryFolder, "registry.folder", PipeCodes.ProjectConfigValue, c.File))
                .Distinct(StringComparer.Ordinal)
                .ToList();
        var gate = options.GateFile is { } file
            ? RepoPath(file, "--gate-file", PipeCodes.UsageError, null)
            : RepoPath(configs[0].GateFile, "gate.file", PipeCodes.ProjectConfigValue, configs[0].File);
        return (dirs, gate);
    }

    private static ProjectConfig Config(LibGit2Sharp.Repository repo, string sha)
    {
        if (repo.Lookup<Commit>(sha)?[ProjectConfig.FileName]?.Target is not Blob blob)
        {
            return ProjectConfig.Default;
        }

        using var stream = blob.GetContentStream();
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return ProjectConfig.Parse(buffer.ToArray(), $"{sha[..10]}:{ProjectConfig.FileName}");
    }

    /// <summary>A repository-relative POSIX path, without a trailing '/': anything else would crash libgit2's diff or match nothing.</summary>
    private static string RepoPath(string value, string what, PipeCode code, string? file)
    {
        var trimmed = value.TrimEnd('/');
        var segments = trimmed.Split('/');
        if (trimmed.Length == 0 || value.StartsWith('/') || value.Contains('\\') || Path.IsPathRooted(value)
            || segments.Any(s => s is "" or "." or ".."))
        {
            throw new PipelineException(
                code,
                $"{what} '{value}' is not a folder or file path inside the repository (relative, '/'-separated, no '.' or '..')",
                file,
                null);
        }

        return trimmed;
    }
}
