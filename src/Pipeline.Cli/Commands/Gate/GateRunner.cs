using Pipeline.Core.Diagnostics;
using Pipeline.Core.Gate;
using Pipeline.Core.Registry;
using Pipeline.Core.Tracking;
using Pipeline.Git.Gate;
using Pipeline.Git.Reading;
using Pipeline.Git.Registry;

namespace Pipeline.Cli.Commands.Gate;

/// <summary>What <c>gate</c> and <c>promote</c> ask for.</summary>
internal sealed record GateRequest(
    string Model, string Version, string Alias, IReadOnlyList<string> EvalFiles, string? GateFile, string? GateRef, string? Run, string? Repo,
    string? RegistryDir = null, string? Branch = null);

/// <summary>A decision and the warnings met on the way (e.g. the working copy's gate.yaml differs).</summary>
internal sealed record GateOutcome(GateDecision Decision, IReadOnlyList<Diagnostic> Warnings, IRunSeries? Series = null);

/// <summary>The gate's inputs that do not change between attempts: the protected gate, the candidate, its run's series.</summary>
internal sealed record GateInputs(
    GateRequest Request,
    GateFile Gate,
    Contender Candidate,
    IRunSeries? Series,
    RegistryGateSource Registry,
    IReadOnlyList<Diagnostic> Warnings)
{
    /// <summary>Decides against the given champion version (null: the alias is empty).</summary>
    public GateDecision Decide(string? championVersion)
    {
        var champion = championVersion is null
            ? null
            // An alias on a version whose record cannot be read has no evidence: "no comparable champion", said so.
            : Registry.ChampionContender(Request.Model, championVersion) ?? new Contender(championVersion, [], []);
        // Who holds which alias, for a stage-order rule (production only after staging); read only when one applies.
        var context = Gate.ForAlias(Request.Alias).Stage is null ? null : Registry.Context(Request.Model, DateTimeOffset.UtcNow);
        return GateJudge.Decide(Gate, Request.Model, Request.Alias, Candidate, champion, Series, context);
    }
}

/// <summary>
/// Gathers the gate's inputs (gate.yaml from the protected ref, the candidate's record and extra eval files, the
/// champion behind the alias, the candidate run's series) and asks <see cref="GateJudge"/>. Writes nothing.
/// </summary>
internal static class GateRunner
{
    public static GateOutcome Decide(GateRequest request, Func<string, string?> environment)
    {
        var inputs = Prepare(request, environment);
        return new GateOutcome(inputs.Decide(inputs.Registry.Champion(request.Model, request.Alias)), inputs.Warnings, inputs.Series);
    }

    /// <summary>Everything but the champion, which <c>promote</c> re-reads on every attempt (it may change under a race).</summary>
    public static GateInputs Prepare(GateRequest request, Func<string, string?> environment)
    {
        // The one grammar of names and versions (RegistryNames, SemVer): the same refusals as every registry verb.
        RegistryNames.Model(request.Model);
        RegistryNames.Alias(request.Alias);
        var version = SemVer.Parse(request.Version);
        using var repo = GitRepository.Discover(request.Repo);
        var warnings = new List<Diagnostic>();
        var gate = ProtectedGate.Read(repo, request.GateFile, request.GateRef, environment);
        if (gate.WorkingCopyDiffers)
        {
            warnings.Add(new Diagnostic(Severity.Warning, PipeCodes.GateWorkingCopyDiffers,
                $"the working copy's {gate.Path} differs from {gate.Ref} ({gate.Commit[..12]}); the protected one is applied", gate.Path));
        }

        var (_, folder, branch) = Registry.RegistryLocation.Resolve(repo.Root, request.RegistryDir, request.Branch);
        var store = new RegistryStore(repo.Root, folder, branch);
        var registry = new RegistryGateSource(store);
        // The same refusals promote's assignment makes: a gate that says PROMOTE for a version promote refuses misleads CI.
        var state = store.State(request.Model);
        if (state.TagOf(version) is null)
        {
            throw new PipelineException(
                PipeCodes.GateCandidateUnknown,
                $"{request.Model}@{request.Version} is not registered (no annotated tag {request.Model}@{request.Version})");
        }

        if (state.IsDeprecated(version))
        {
            throw new PipelineException(PipeCodes.VersionDeprecated, $"{request.Model}@{request.Version} is deprecated");
        }

        var candidate = registry.Version(request.Model, request.Version)
            ?? throw new PipelineException(PipeCodes.GateCandidateUnknown, $"{request.Model}@{request.Version} is not registered");
        if (request.EvalFiles.Count > 0)
        {
            candidate = candidate with { Evals = [.. candidate.Evals, .. EvalFiles.Read(request.EvalFiles, environment, warnings)] };
        }

        // The run named at registration (register --run ID) is the candidate's run when --run does not name another;
        // the alias's section may bring its own health rules (or drop the top-level ones).
        var linked = request.Run ?? store.Record(request.Model, version)?.Run;
        var rules = gate.Gate.ForAlias(request.Alias);
        var series = rules.Health.Count == 0 ? null : Series(request with { Run = linked }, repo.Root, candidate, rules);
        return new GateInputs(request, gate.Gate, candidate, series, registry, warnings);
    }

    /// <summary>
    /// The run whose series the health rules read: <c>--run</c>, else the run the candidate's record links
    /// (<c>register --run</c>), else the one ledger run that produced the candidate (same fingerprint or artifact digest). None found: no series, and
    /// every health rule fails, so a gate cannot be
    /// passed by not linking the run.
    /// </summary>
    private static IRunSeries? Series(GateRequest request, string root, Contender candidate, GateFile gate)
    {
        // The training loss too, for the decision's chart; it costs only the points kept in the same streaming pass.
        var keys = gate.Health.Select(h => h.Series).Concat(Pipeline.Core.Charts.GateCharts.LossKeys).Distinct().ToArray();
        if (request.Run is not null)
        {
            var run = RunInputs.One(request.Run, root);
            // A run that names what it produced must have produced the candidate: otherwise a diverged candidate could
            // borrow a healthy sibling's series. A run recording no subject can only be linked this way, so it is taken.
            var produced = Pipeline.Core.Sweep.RunCandidates.Subjects(run.Record);
            if (produced.Count > 0 && !produced.Any(candidate.Subjects.Contains))
            {
                throw new PipelineException(PipeCodes.GateRunSeriesUnavailable,
                    $"run '{run.Record.Id}' ({run.Display}) produced {string.Join(", ", produced)}, not {request.Model}@{request.Version} " +
                    $"({string.Join(" or ", candidate.Subjects)}): its series say nothing about this candidate",
                    run.Display,
                    hint: "Pass --run with the run that trained this version (same fingerprint or artifact digest), or omit --run to find it in " +
                        "registry/runs/.");
            }

            return LedgerRunSeries.Load(run.Record.Id, new SeriesReader(run.SeriesPath, run.Display), keys);
        }

        var ledger = RunLedger.ForRepository(root, Pipeline.Core.Project.ProjectConfig.Load(root).RegistryFolder);
        var producers = ledger.Ids()
            .Select(ledger.Read)
            .Where(r => Pipeline.Core.Sweep.RunCandidates.Subjects(r).Any(candidate.Subjects.Contains))
            .ToArray();
        if (producers.Length > 1)
        {
            throw new PipelineException(PipeCodes.GateRunSeriesUnavailable,
                $"{producers.Length} runs produced {request.Model}@{request.Version}: {string.Join(", ", producers.Select(p => p.Id))}",
                hint: "Name the run whose series the health rules should read with --run ID.");
        }

        return producers.Length == 1 ? LedgerRunSeries.Load(producers[0].Id, ledger.Series(producers[0].Id), keys) : null;
    }
}
