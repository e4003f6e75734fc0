namespace Pipeline.Core.Diagnostics;

// 4020-4499: sweep selection, the gate file, gate decisions and promotion.
public static partial class PipeCodes
{
    public static readonly PipeCode SweepIncomparable = new(4020, "Incomparable runs: more than one eval-suite fingerprint", ExitCodes.No,
        "Scores from different eval suites cannot be ranked; re-evaluate the runs on one suite, or restrict the ranking with --cohort " +
        "SUITE_FINGERPRINT.");

    public static readonly PipeCode SweepNoScore = new(4021, "No run has an evaluated, finite score for the metric", ExitCodes.No,
        "Attach eval results (suite, evaluated = the run's model fingerprint or artifact digest, scores) to the runs; self-reported metrics never " +
        "count.");

    public static readonly PipeCode ConflictingEvidence = new(4022, "Conflicting eval results for one model on one suite", ExitCodes.BadInput,
        "Keep one eval result per model and suite (or make the duplicates agree); Pipeline will not pick the favourable one.");

    public static readonly PipeCode SweepNoCandidates = new(4023, "No runs to select from", ExitCodes.BadInput,
        "Name run files, a folder of run files, or run ids present in registry/runs/.");

    public static readonly PipeCode SweepRunUnranked = new(4025, "A run could not be ranked", ExitCodes.No,
        "Printed as a warning (the exit code stays 0 while another run wins): the run has no evaluated score for the metric on the sweep's suite " +
        "(or a non-finite one), so it was left out of the ranking; evaluate it to include it.");

    public static readonly PipeCode GateFileInvalid = new(4040, "gate.yaml is invalid", ExitCodes.BadInput,
        "Fix the named key; docs/gate.md lists every key and rule.");

    public static readonly PipeCode GateFileMissing = new(4041, "gate.yaml not found at the protected ref", ExitCodes.BadInput,
        "Commit gate.yaml to the protected branch (the PR base or the default branch), or name another ref with --gate-ref.");

    public static readonly PipeCode GateRefUnresolved = new(4042, "The protected ref cannot be resolved", ExitCodes.Environment,
        "Fetch the protected branch (e.g. 'git fetch origin main', or actions/checkout with fetch-depth: 0), or pass --gate-ref.");

    public static readonly PipeCode GateWorkingCopyDiffers = new(4043, "The working copy's gate.yaml differs from the protected one", ExitCodes.No,
        "Printed as a warning (it does not change the exit code): the gate is always read from the protected ref; changes to gate.yaml take effect " +
        "once merged there.");

    public static readonly PipeCode GateHeld = new(4060, "Gate held: the candidate is not promoted", ExitCodes.No,
        "Read the failing rules and the comparison above; a candidate needs every rule to pass and a score strictly better than the champion's.");

    public static readonly PipeCode GateCandidateUnknown = new(4061, "Candidate model version not found", ExitCodes.BadInput,
        "Register the version first (pipeline register), or check the model name and --version.");

    public static readonly PipeCode GateRunSeriesUnavailable = new(4062, "The candidate run's series cannot be read", ExitCodes.BadInput,
        "Pass --run with a run id from registry/runs/ or a run file, or drop the health rules from gate.yaml.");
}
