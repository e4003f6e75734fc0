using Pipeline.Core.Project;
using Pipeline.Git.Reading;

namespace Pipeline.Cli.Commands.Registry;

/// <summary>
/// Where the registry lives: --registry-dir/--branch when given, else pipeline.yaml's registry section, else
/// registry/ on the checked-out branch. Every verb asks here, so `register`, `show`, `gate` and `verify` never disagree
/// about the folder (a record written where the others do not look is a record nobody checks).
/// </summary>
internal static class RegistryLocation
{
    public static (string Root, string Folder, string? Branch) Resolve(string? repo, string? folderOption, string? branchOption)
    {
        using var git = GitRepository.Discover(repo ?? Directory.GetCurrentDirectory());
        if (folderOption is not null && branchOption is not null)
        {
            return (git.Root, folderOption, branchOption);
        }

        var project = ProjectConfig.Load(git.Root);
        return (git.Root, folderOption ?? project.RegistryFolder, branchOption ?? project.RegistryBranch);
    }
}
