using Pipeline.Core.Diagnostics;
using Pipeline.Core.Lineage;
using Pipeline.Core.Project;
using Pipeline.Git.Repository;

namespace Pipeline.Cli.Commands.Lineage;

/// <summary>
/// Composes git, pipeline.yaml and the Core builder. Command-line options override pipeline.yaml per group:
/// data (--dvc-lock/--dvc-stage/--dvc-file/--data-version), config (--config/--config-from-dvc-params),
/// --base-model, --seed. The dirty check applies when no --rev is given (with --rev every file is read at that
/// commit, so the working tree cannot leak into the lineage).
/// </summary>
internal static class LineageFromRepository
{
    public static LineageBuild Build(LineageRequest request, string? repoDir)
    {
        using var repo = GitRepository.Discover(repoDir);
        var project = ProjectConfig.Load(repo.Root);
        var sources = WithDefaults(request.Sources, project.Lineage);
        var rev = request.Rev ?? "HEAD";
        var commit = repo.ResolveLineageCommit(rev, project.RegistryFolder);

        var dirty = request.Rev is null ? repo.Dirty() : new DirtyState([], 0);
        if (dirty.IsDirty && !request.AllowDirty)
        {
            throw new PipelineException(
                PipeCodes.WorkingTreeDirty,
                $"the working tree has {dirty.Total} uncommitted change(s) to tracked files: {dirty.Describe()}",
                hint: PipeCodes.WorkingTreeDirty.Fix);
        }

        var result = LineageBuilder.Build(repo.Snapshot(commit.Sha), sources, dirty.IsDirty, repo.RemoteUrl());
        return new LineageBuild(result, repo.Root, rev, commit.Skipped, dirty.Paths, project.RegistryFolder);
    }

    internal static LineageSourceOptions WithDefaults(LineageSourceOptions cli, LineageDefaults d)
    {
        var result = cli;
        var cliData = cli.DvcLock is not null || cli.DataVersionLabel is not null || cli.DvcStages.Count > 0 || cli.DvcFiles.Count > 0;
        if (!cliData)
        {
            result = result with { DvcLock = d.DvcLock, DataVersionLabel = d.DataVersion, DvcStages = d.DvcStages, DvcFiles = d.DvcFiles };
        }
        else if (cli.DvcLock is null && cli.DataVersionLabel is null)
        {
            // Stages or .dvc files given alone refine the lock pipeline.yaml names.
            result = result with { DvcLock = d.DvcLock };
        }

        if (cli.ConfigPath is null && !cli.ConfigFromDvcParams)
        {
            var (path, key) = d.Config is null ? (null, null) : LineageSourceOptions.SplitConfigSpec(d.Config);
            result = result with { ConfigPath = path, ConfigKey = key, ConfigFromDvcParams = d.ConfigFromDvcParams };
        }

        return result with
        {
            BaseModel = cli.BaseModel ?? d.BaseModel,
            Seed = cli.Seed ?? d.Seed,
        };
    }
}
