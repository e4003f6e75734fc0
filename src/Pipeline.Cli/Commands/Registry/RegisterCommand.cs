using System.CommandLine;
using System.Runtime.CompilerServices;
using Pipeline.Cli.Commands.Lineage;
using Pipeline.Cli.Output;
using Pipeline.Cli.Output.Results;
using Pipeline.Core.Canonical;
using Pipeline.Core.Diagnostics;
using Pipeline.Core.Lineage;
using Pipeline.Core.Registry;
using Pipeline.Git.Registry;

namespace Pipeline.Cli.Commands.Registry;

/// <summary><c>pipeline register MODEL</c>: one record commit + the annotated tag <c>MODEL@vX.Y.Z</c>; idempotent per lineage.</summary>
internal static class RegisterCommand
{
    public static Command Build(CliConsole console)
    {
        var common = new RegistryVerb();
        var model = new Argument<string>("model") { Description = "Model name ([a-z0-9][a-z0-9_/-]*, at most 100 characters)." };
        var lineage = new Option<string?>("--lineage")
        {
            Description = "A JSON file holding the lineage (its REQUIRED fields); without it the lineage is built from the repository's sources."
        };
        var sources = new LineageOptions();
        var artifact = new Artifacts.ArtifactOptions();
        var evals = new Option<string[]>("--eval")
        {
            Description = "Eval result files (JSON) about this model.",
            AllowMultipleArgumentsPerToken = true
        };
        var metrics = new Option<string?>("--metrics") { Description = "A JSON file of metrics to keep in the record (never used for gating)." };
        var version = new Option<string?>("--version") { Description = "The version, e.g. v1.2.0 (default: bump the greatest)." };
        var bump = new Option<string?>("--bump") { Description = "major, minor or patch (default patch; the first version is v0.0.1)." };
        var description = new Option<string?>("--description") { Description = "A line describing the version." };
        var forceNew = new Option<bool>("--force-new") { Description = "Register a new version even when this lineage is already registered." };
        var run = new Option<string?>("--run")
        {
            Description = "The run (id or unique prefix in the run ledger) that produced this version: recorded as 'run', kept by runs prune."
        };
        var push = RegistryVerb.PushOption();
        var propose = new Option<bool>("--propose")
        {
            Description = "Propose instead of register: the record (and the --run) as one commit on branch pipeline/MODEL/VERSION based on the " +
                "remote's default branch, pushed to --push REMOTE (default origin), with a pull request (GITHUB_TOKEN) or its compare URL. No tag: " +
                "'publish' tags it once merged.",
        };
        var championAlias = new Option<string>("--champion-alias")
        {
            Description = "With --propose: the alias whose version the pull request compares eval scores with (default production).",
            DefaultValueFactory = _ => "production",
        };
        var command = common.Add(
            new Command("register", "Register a model version: a record commit and the tag MODEL@vX.Y.Z (or, with --propose, a pull request).")
        {
            model, lineage, evals, metrics, version, bump, description, forceNew, run, push, propose, championAlias,
        });
        sources.AddTo(command, includeRepo: false);
        artifact.AddTo(command);

        RegistryVerb.SetAction(command, console, common.Json, parse =>
        {
            var name = RegistryNames.Model(parse.GetValue(model));
            if (parse.GetValue(version) is not null && parse.GetValue(bump) is not null)
            {
                throw new PipelineException(PipeCodes.UsageError, "give --version or --bump, not both");
            }

            var lineagePath = parse.GetValue(lineage);
            if (lineagePath is not null && sources.AnyGiven(parse))
            {
                throw new PipelineException(PipeCodes.UsageError, "--lineage FILE cannot be combined with lineage-source options");
            }

            var (lineageObject, lineageSources, registryFolder) = lineagePath is not null
                ? (Fingerprint.AsLineage(JsonReader.ParseFile(lineagePath), lineagePath), (Value?)null, (string?)null)
                : FromSources(console, parse, sources, common);
            var store = common.Store(parse, registryFolder);
            // Relative artifact paths are read where `verify` will look for them: from the repository folder.
            var baseDir = parse.GetValue(common.Repo) is { } repoDir ? Path.GetFullPath(repoDir) : Directory.GetCurrentDirectory();
            var request = new RegisterRequest(
                name,
                lineageObject,
                LineageSources: lineageSources,
                Artifact: artifact.Build(parse, baseDir, store.RepoPath),
                Evals: EvalFiles.Read(parse.GetValue(evals), console.Error),
                Metrics: parse.GetValue(metrics) is { } m ? JsonReader.ParseFile(m) : null,
                Description: parse.GetValue(description),
                Version: parse.GetValue(version) is { } v ? SemVer.Parse(v) : null,
                Bump: parse.GetValue(bump) is { } b ? SemVer.ParseBump(b) : BumpPart.Patch,
                ForceNew: parse.GetValue(forceNew),
                Run: parse.GetValue(run) is { } runId ? Runs.RunsRepo.Ledger(store.RepoPath).Resolve(runId) : null);
            if (parse.GetValue(propose))
            {
                var (_, _, configuredBranch) = RegistryLocation.Resolve(
                    parse.GetValue(common.Repo),
                    parse.GetValue(common.RegistryDir) ?? registryFolder,
                    parse.GetValue(common.Branch));
                return ProposeVerb.Run(console, store, request, RegistryVerb.PushRemote(parse, push) ?? "origin", configuredBranch,
                    parse.GetValue(championAlias) ?? "production", parse.GetValue(common.Json));
            }

            var remote = RegistryVerb.PushRemote(parse, push);
            var result = remote is null
                ? store.Register(request)
                : new RemoteSync(store, remote).Run(name, () => store.Register(request),
                    r => [$"refs/heads/{store.Branch}", $"refs/tags/{r.Tag}"],
                    r => r.Created ? (r.Commit, r.Parent) : null);
            if (parse.GetValue(common.Json))
            {
                JsonOut.Write(console.Out, new RegisterOutput(
                    result.Model, result.Version.ToString(), result.Fingerprint, result.Commit, result.Tag, result.RecordPath,
                    result.Created, !result.Created, RegistryVerb.Shown(remote)), CliJsonContext.Default.RegisterOutput);
            }
            else
            {
                console.Out.WriteLine(result.Created
                    ? $"registered {result.Model} {result.Version} (fingerprint {result.Fingerprint[..12]}…), tag {result.Tag} on " +
                        $"{result.Commit[..12]}"
                    : $"{result.Model} {result.Version} already has this lineage (fingerprint {result.Fingerprint[..12]}…); nothing new written " +
                        "(--force-new registers another version anyway)");
            }

            return ExitCodes.Success;
        });
        return command;
    }

    // Not inlined: building from sources loads YAML/DVC readers that --lineage never needs.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static (ObjectValue Lineage, Value? Sources, string? RegistryFolder) FromSources(
        CliConsole console, ParseResult parse, LineageOptions sources, RegistryVerb common)
    {
        var build = sources.Build(parse, parse.GetValue(common.Repo));
        if (build.DirtyWarning is { } warning)
        {
            console.Error.WriteLine(warning);
        }

        return (build.Result.Lineage, build.Result.Sources, build.RegistryFolder);
    }
}
