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
                hint: $"Pass it relative to the repository root ({repositoryRoot}), e.g. out/model, or upload it and pass --artifact URI with " +
                    "--artifact-sha256 or --artifact-manifest.");
        }

        var full = Path.GetFullPath(given, baseDirectory);
        var relative = Path.GetRelativePath(Path.GetFullPath(repositoryRoot), full).Replace('\\', '/');
        if (relative == ".")
        {
            throw new PipelineException(
                PipeCodes.ArtifactOutsideRepository,
                $"artifact '{given}' is the repository root itself, not a checkpoint in it");
        }

        if (relative == ".." || relative.StartsWith("../", StringComparison.Ordinal) || Path.IsPathRooted(relative))
        {
            throw new PipelineException(PipeCodes.ArtifactOutsideRepository,
                $"artifact '{given}' is outside the repository ({repositoryRoot})");
        }

        RequireNoLinkOut(relative, given, Path.GetFullPath(repositoryRoot));
        return relative;
    }

    /// <summary>
    /// A path inside the repository whose component is a symbolic link to somewhere else (<c>model.bin -> /mnt/ckpt/…</c>)
    /// names bytes no clone has: the record would say <c>model.bin</c> and every serving job would find a dangling link.
    /// Links that stay inside the repository are fine; a link that does not resolve is left to the digest's own check.
    /// </summary>
    private static void RequireNoLinkOut(string relative, string given, string root)
    {
        var current = root;
        foreach (var segment in relative.Split('/'))
        {
            current = Path.Combine(current, segment);
            var info = new FileInfo(current);
            if (info.LinkTarget is null)
            {
                continue;
            }

            string target;
            try
            {
                target = Path.GetFullPath(info.ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? current);
            }
            catch (IOException)
            {
                return;
            }

            var fromRoot = Path.GetRelativePath(root, target).Replace('\\', '/');
            if (fromRoot == ".." || fromRoot.StartsWith("../", StringComparison.Ordinal) || Path.IsPathRooted(fromRoot))
            {
                throw new PipelineException(PipeCodes.ArtifactOutsideRepository,
                    $"artifact '{given}' goes through the link '{Path.GetRelativePath(root, current).Replace('\\', '/')}' to '{target}', outside " +
                    $"the repository ({root})",
                    hint: "A clone would hold only a dangling link: copy the checkpoint into the repository's working tree (e.g. out/model), or " +
                        "upload it and pass --artifact URI with --artifact-sha256 or --artifact-manifest.");
            }
        }
    }
}
