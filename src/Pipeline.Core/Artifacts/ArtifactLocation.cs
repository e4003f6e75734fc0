using Pipeline.Core.Diagnostics;

namespace Pipeline.Core.Artifacts;

/// <summary>
/// Where a local artifact is recorded: relative to the repository root with '/' separators, because that is the one
/// path a serving job, the PR check and a colleague's clone share. An absolute path (a runner's
/// <c>/home/runner/work/…</c>) or one outside the repository means nothing anywhere else, so it is refused.
/// </summary>
public static class ArtifactLocation
{
    /// <param name="given">The path as typed.</param>
    /// <param name="baseDirectory">What a relative path is relative to (the current folder, or --repo).</param>
    /// <param name="repositoryRoot">The working tree root.</param>
    public static string RepoRelative(string given, string baseDirectory, string repositoryRoot)
    {
        if (Path.IsPathRooted(given))
        {
            throw new PipelineException(PipeCodes.ArtifactOutsideRepository,
                $"artifact '{given}' is an absolute path; a record keeps paths relative to the repository root",
                hint: $"Pass it relative to the repository root ({repositoryRoot}), e.g. out/model, or upload it and pass --artifact URI with --artifact-sha256 or --artifact-manifest.");
        }

        var full = Path.GetFullPath(given, baseDirectory);
        var relative = Path.GetRelativePath(Path.GetFullPath(repositoryRoot), full).Replace('\\', '/');
        if (relative == ".")
        {
            throw new PipelineException(PipeCodes.ArtifactOutsideRepository, $"artifact '{given}' is the repository root itself, not a checkpoint in it");
        }

        if (relative == ".." || relative.StartsWith("../", StringComparison.Ordinal) || Path.IsPathRooted(relative))
        {
            throw new PipelineException(PipeCodes.ArtifactOutsideRepository,
                $"artifact '{given}' is outside the repository ({repositoryRoot})");
        }

        return relative;
    }
}
