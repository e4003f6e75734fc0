using Pipeline.Core.Project;
using Pipeline.Core.Tracking;

namespace Pipeline.Cli.Commands.Runs;

/// <summary>Where the ledger is: the git work tree containing --repo (or the current folder), else that folder itself.</summary>
internal static class RunsRepo
{
    public static string Root(string? repo)
    {
        var start = Path.GetFullPath(repo ?? Directory.GetCurrentDirectory());
        for (var dir = start; dir is not null; dir = Path.GetDirectoryName(dir))
        {
            if (Directory.Exists(Path.Combine(dir, ".git")) || File.Exists(Path.Combine(dir, ".git")))
            {
                return dir;
            }
        }

        return start;
    }

    /// <summary>
    /// <c>&lt;registry folder&gt;/runs</c>, the folder from pipeline.yaml: the lineage skips commits that only touch that
    /// folder, so committing a run must land inside it or it would move <c>code_commit</c>.
    /// </summary>
    public static RunLedger Ledger(string root) => RunLedger.ForRepository(root, ProjectConfig.Load(root).RegistryFolder);

    /// <summary>Repo-relative '/' path of a ledger file, as git sees it.</summary>
    public static string Relative(string root, string full) => Path.GetRelativePath(root, full).Replace('\\', '/');
}
