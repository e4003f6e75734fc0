using System.CommandLine;
using System.Globalization;
using System.Numerics;
using Pipeline.Core.Diagnostics;
using Pipeline.Core.Lineage;

namespace Pipeline.Cli.Commands.Lineage;

/// <summary>
/// The options that build a lineage from the repository (docs/design.md §2), shared by every verb that needs one
/// (<c>fingerprint</c>, <c>register</c>): <c>AddTo(command)</c>, then <c>Build(parse)</c> in the action.
/// Only Option fields live here; git and YAML types stay inside <see cref="LineageFromRepository"/>, so a verb that
/// never calls <see cref="Build"/> never loads LibGit2Sharp or YamlDotNet.
/// </summary>
internal sealed class LineageOptions
{
    public Option<string?> Repo { get; } = new("--repo") { Description = "The repository folder (default: the current folder)." };

    public Option<string?> Rev { get; } = new("--rev")
    {
        Description = "The commit to read (default: HEAD, skipping back over registry-only commits)."
    };

    public Option<string?> Config { get; } = new("--config")
    {
        Description = "Config file at the commit, PATH or PATH#key (YAML 1.2 core schema, or .json)."
    };

    public Option<bool> ConfigFromDvcParams { get; } = new("--config-from-dvc-params")
    {
        Description = "Use the params: the dvc.lock recorded as the config."
    };

    public Option<string?> DvcLock { get; } = new("--dvc-lock") { Description = "dvc.lock whose data inputs give data_version." };

    public Option<string[]> DvcStage { get; } = new("--dvc-stage")
    {
        Description = "Restrict to this stage and the stages it depends on (repeatable).",
        AllowMultipleArgumentsPerToken = false
    };

    public Option<string[]> DvcFile { get; } = new("--dvc-file") { Description = "Add this .dvc file's outs to the data inputs (repeatable)." };

    public Option<string?> DataVersion { get; } = new("--data-version")
    {
        Description = "An explicit data-version label instead of a dvc.lock (recorded as unverifiable)."
    };

    public Option<string?> BaseModel { get; } = new("--base-model") { Description = "The base model, e.g. Qwen/Qwen3-8B." };

    public Option<string?> Seed { get; } = new("--seed") { Description = "The training seed (an integer)." };

    public Option<bool> AllowDirty { get; } = new("--allow-dirty")
    {
        Description = "Accept uncommitted changes (recorded as dirty: true; verification and the gate refuse it)."
    };

    public void AddTo(Command command, bool includeRepo = true)
    {
        if (includeRepo)
        {
            command.Options.Add(Repo);
        }

        foreach (
            var option in new Option[] { Rev, Config, ConfigFromDvcParams, DvcLock, DvcStage, DvcFile, DataVersion, BaseModel, Seed, AllowDirty })
        {
            command.Options.Add(option);
        }
    }

    /// <summary>True when any lineage-source option was given on the command line.</summary>
    public bool AnyGiven(ParseResult parse) =>
        new Option[] { Rev, Config, ConfigFromDvcParams, DvcLock, DvcStage, DvcFile, DataVersion, BaseModel, Seed, AllowDirty }
            .Any(o => parse.GetResult(o) is { Implicit: false });

    /// <summary>Reads the repository and builds the lineage; pipeline.yaml supplies what the command line leaves out.</summary>
    public LineageBuild Build(ParseResult parse, string? repoDir = null) => LineageFromRepository.Build(Read(parse), repoDir ?? parse.GetValue(Repo));

    private LineageRequest Read(ParseResult parse)
    {
        BigInteger? seed = null;
        if (parse.GetValue(Seed) is { } text)
        {
            seed = BigInteger.TryParse(text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var s)
                ? s
                : throw new PipelineException(PipeCodes.SeedInvalid, $"--seed '{text}' is not an integer");
        }

        var config = parse.GetValue(Config);
        var (configPath, configKey) = config is null ? (null, null) : LineageSourceOptions.SplitConfigSpec(config);
        return new LineageRequest(
            parse.GetValue(Rev),
            new LineageSourceOptions
            {
                ConfigPath = configPath,
                ConfigKey = configKey,
                ConfigFromDvcParams = parse.GetValue(ConfigFromDvcParams),
                DvcLock = parse.GetValue(DvcLock),
                DvcStages = parse.GetValue(DvcStage) ?? [],
                DvcFiles = parse.GetValue(DvcFile) ?? [],
                DataVersionLabel = parse.GetValue(DataVersion),
                BaseModel = parse.GetValue(BaseModel),
                Seed = seed,
            },
            parse.GetValue(AllowDirty));
    }
}

/// <summary>What the command line asked for, before pipeline.yaml fills the gaps.</summary>
internal sealed record LineageRequest(string? Rev, LineageSourceOptions Sources, bool AllowDirty);

/// <summary>
/// The built lineage plus the facts a verb reports: the repository root, the commit the user asked for and the
/// commits skipped to reach <c>code_commit</c>, the dirty paths, and the project config (pipeline.yaml or defaults).
/// </summary>
internal sealed record LineageBuild(
    LineageResult Result,
    string RepoRoot,
    string RequestedRev,
    IReadOnlyList<string> SkippedCommits,
    IReadOnlyList<string> DirtyPaths,
    Pipeline.Core.Project.ProjectConfig Project)
{
    public string RegistryFolder => Project.RegistryFolder;

    public int DirtyTotal { get; init; }

    /// <summary>The lineage inputs whose uncommitted bytes were read (config, dvc.lock, .dvc files).</summary>
    public IReadOnlyList<string> ReadFromWorkingTree { get; init; } = [];

    public string CodeCommit { get; init; } = "";

    /// <summary>
    /// The --allow-dirty warning: what was dirty, which inputs were read from the working tree, and what still came from
    /// the commit, so nobody mistakes a dirty fingerprint for one a checkout can reproduce. Null on a clean tree.
    /// </summary>
    public string? DirtyWarning => DirtyPaths.Count == 0 ? null
        : $"warning: lineage recorded as dirty: {DirtyTotal} uncommitted change(s) " +
            $"({string.Join(", ", DirtyPaths)}{(DirtyTotal > DirtyPaths.Count ? $" and {DirtyTotal - DirtyPaths.Count} more" : "")}); "
          + (ReadFromWorkingTree.Count > 0
              ? $"read from the working tree: {string.Join(", ", ReadFromWorkingTree)}; "
              : "no config or data input is among them; ")
          + $"everything else from commit {CodeCommit[..Math.Min(12, CodeCommit.Length)]} (code_commit; uncommitted code is in no commit). "
          + "The record keeps dirty: true and these paths; the gate never promotes it.";
}
