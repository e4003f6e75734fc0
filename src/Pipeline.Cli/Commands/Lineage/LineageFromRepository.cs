using Pipeline.Core.Diagnostics;
using Pipeline.Core.Lineage;
using Pipeline.Core.Project;
using Pipeline.Git.Reading;

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
        // Start-up is JIT-bound: compile the YAML/DVC code on the other core while libgit2 loads and opens the repository.
        var warmUp = Task.Run(WarmUp);
        using var repo = GitRepository.Discover(repoDir);
        warmUp.Wait();
        var project = ProjectConfig.Load(repo.Root);
        var sources = WithDefaults(request.Sources, project.Lineage);
        var rev = request.Rev ?? "HEAD";
        var commit = repo.ResolveLineageCommit(rev, project.RegistryFolder);

        // The registry (records and run ledger) never enters a lineage: its files are not even looked at.
        var dirty = request.Rev is null ? repo.Dirty(skipFolder: project.RegistryFolder) : new DirtyState([], 0);
        if (dirty.IsDirty && !request.AllowDirty)
        {
            throw new PipelineException(
                PipeCodes.WorkingTreeDirty,
                $"the working tree has {dirty.Total} uncommitted change(s) to tracked files: {dirty.Describe()}",
                hint: PipeCodes.WorkingTreeDirty.Fix);
        }

        // Dirty means dirty: the uncommitted config and data inputs are what trained, so they are what the lineage reads.
        var snapshot = dirty.IsDirty ? repo.WorkingSnapshot(commit.Sha, dirty.All) : repo.Snapshot(commit.Sha);
        var result = LineageBuilder.Build(snapshot, sources, dirty.IsDirty, repo.RemoteUrl(), dirty.All);
        return new LineageBuild(result, repo.Root, rev, commit.Skipped, dirty.Paths, project)
        {
            DirtyTotal = dirty.Total,
            ReadFromWorkingTree = snapshot.ReadFromWorkingTree,
            CodeCommit = commit.Sha,
        };
    }

    // The same code paths a real build takes (YAML scalars of every type, a lock, data_version), on a tiny input.
    private static void WarmUp()
    {
        const string text = "schema: '2.0'\nstages:\n  s:\n    cmd: x\n    deps:\n    - path: ./d\n      md5: a\n      size: 1\n"
            + "    params:\n      p.yaml:\n        k: [1, 2e-5, true, ~, 'q']\n    outs:\n    - path: o\n      md5: b\n";
        var dvcLock = Core.Dvc.DvcLock.Parse(System.Text.Encoding.UTF8.GetBytes(text), "dvc.lock");
        _ = Core.Dvc.DataVersion.Compute(dvcLock, [], [], static _ => false);
        _ = Core.Dvc.DvcParams.Config(dvcLock, []);
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

        // A command-line value replaces the key whatever its form; otherwise pipeline.yaml's value or its config reference.
        return result with
        {
            BaseModel = cli.BaseModel ?? d.BaseModel,
            BaseModelFrom = cli.BaseModel is null && d.BaseModel is null ? d.BaseModelFrom : null,
            Seed = cli.Seed ?? d.Seed,
            SeedFrom = cli.Seed is null && d.Seed is null ? d.SeedFrom : null,
        };
    }
}
