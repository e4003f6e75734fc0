namespace Pipeline.Core.Diagnostics;

// 5xxx (5000-5999): GitHub Actions runtime files and the GitHub API (check runs, statuses, PR comments).
public static partial class PipeCodes
{
    public static readonly PipeCode ActionsOutputInvalid = new(5001, "Step output cannot be written", ExitCodes.BadInput,
        "Output names must match [A-Za-z_][A-Za-z0-9_-]*; a value may not contain the generated delimiter (retry).");

    public static readonly PipeCode ActionsFileUnavailable = new(5002, "Actions runtime file cannot be written", ExitCodes.Environment,
        "GITHUB_OUTPUT / GITHUB_STEP_SUMMARY must name a writable file; another process held its lock too long, or the disk is full.");

    public static readonly PipeCode EventPayloadInvalid = new(5003, "GitHub event payload is unreadable", ExitCodes.Environment,
        "GITHUB_EVENT_PATH must name the webhook JSON the runner writes; run inside GitHub Actions or pass --base/--head explicitly.");

    public static readonly PipeCode RepositoryUnknown = new(5004, "GitHub repository or commit unknown", ExitCodes.BadInput,
        "Set GITHUB_REPOSITORY=owner/name and run on a pull_request or push event (or give the head SHA explicitly).");

    public static readonly PipeCode ApiUrlInvalid = new(5005, "GITHUB_API_URL is not an absolute http(s) URL", ExitCodes.BadInput,
        "Leave GITHUB_API_URL to the runner (https://api.github.com, or https://HOST/api/v3 on GitHub Enterprise Server).");

    public static readonly PipeCode CheckRunForbidden = new(5010, "Check run refused (403): fell back", ExitCodes.Success,
        "Give the workflow `permissions: checks: write`; on pull requests from forks the token is read-only, so the result is reported as a commit " +
        "status or annotations instead.");

    public static readonly PipeCode CommitStatusForbidden = new(5011, "Commit status refused (403): fell back to annotations", ExitCodes.Success,
        "Give the workflow `permissions: statuses: write`; on fork pull requests only annotations, the step summary and the exit code are " +
        "available.");

    public static readonly PipeCode PullRequestCommentFailed = new(5012, "Sticky pull-request comment not written", ExitCodes.Success,
        "Give the workflow `permissions: pull-requests: write` (read-only on fork pull requests); the report is still in the check run / step " +
        "summary.");

    public static readonly PipeCode CheckRunIncomplete = new(5013, "Check run completed without all its annotations", ExitCodes.Success,
        "A later batch of annotations was refused; the check run was still completed with its conclusion and the missing findings went to the log " +
        "as annotations. The message names GitHub's answer.");

    public static readonly PipeCode GitHubRateLimited = new(5021, "GitHub rate limit reached", ExitCodes.Success,
        "Wait for the time the message names (Retry-After / X-RateLimit-Reset) and re-run the job; this is not a permission problem. The verdict " +
        "is in the annotations, the step summary and the exit code.");

    public static readonly PipeCode GitHubApiFailed = new(5020, "GitHub API call failed", ExitCodes.Environment,
        "Check GITHUB_API_URL, the token and GitHub's status; the message names the request that failed.");

    // 5030-5049: raised by the action's scripts (action/*.sh), listed here so every code lives in one catalogue.
    public static readonly PipeCode ActionCliNotFound = new(5030, "Pipeline CLI not found", ExitCodes.Environment,
        "PIPELINE_CLI_DLL must name an existing pipeline.dll; unset it to let the action build the CLI.");

    public static readonly PipeCode ActionDotnetMissing = new(5031, ".NET SDK missing on the runner", ExitCodes.Environment,
        "Keep the action's dotnet-version input (default 10.0.x) or run actions/setup-dotnet before the action.");

    public static readonly PipeCode ActionUnknownCommand = new(5032, "Unknown action command", ExitCodes.BadInput,
        "Set `command:` to one of fingerprint, register, select, gate, promote, verify, doctor, show, history, list, assign, unassign, rollback, " +
        "deprecate, runs-ingest, runs-list, runs-show, runs-compare, runs-prune.");

    public static readonly PipeCode ActionInputInvalid = new(5033, "Action input has an invalid value", ExitCodes.BadInput,
        "Set only the inputs the command takes (the table in action/README.md); direction must be maximize or minimize; config-key needs config.");

    public static readonly PipeCode ActionWorkingDirectoryMissing = new(5034, "Action working-directory does not exist", ExitCodes.BadInput,
        "working-directory is relative to the workspace; check the path and that actions/checkout ran first.");

    // 5045-5049: the cli-version download (action/download.sh).
    public static readonly PipeCode ActionReleaseDownloadFailed = new(5045, "Pipeline CLI download failed", ExitCodes.Environment,
        "Check that the release v<cli-version> exists and carries the executable for the runner (pipeline-linux-x64, pipeline-linux-arm64, " +
        "pipeline-osx-arm64, pipeline-win-x64.exe) and SHA256SUMS; or leave cli-version empty to build the CLI from source.");

    public static readonly PipeCode ActionReleaseChecksumMismatch = new(5046, "Pipeline CLI checksum mismatch", ExitCodes.Environment,
        "The downloaded executable does not match the release's SHA256SUMS (or SHA256SUMS has no line for it) and was not used. Retry the job; if " +
        "it persists, report it: the release or the download path is corrupt.");

    public static readonly PipeCode ActionReleaseNoExecutable = new(5047, "No released executable for this runner", ExitCodes.Environment,
        "Releases carry linux-x64, linux-arm64, osx-arm64 and win-x64 executables; on another runner leave cli-version empty so the action builds " +
        "the CLI.");

    // 5060-5079: pull requests opened by register --propose.
    public static readonly PipeCode PullRequestFailed = new(5060, "The proposal's pull request was not opened", ExitCodes.Environment,
        "The branch was pushed; open the pull request from the compare URL in the message. A 403 means the token may not create pull requests: use " +
        "a GitHub App token (actions/create-github-app-token) or a PAT with pull-requests: write, and turn on 'Allow GitHub Actions to create and " +
        "approve pull requests' in the repository settings.");

    public static readonly PipeCode PullRequestNoToken = new(
        5061,
        "No token: the proposal branch was pushed without a pull request",
        ExitCodes.Success,
        "Open the pull request from the printed compare URL, or set GITHUB_TOKEN (a GitHub App token or PAT, see docs/github.md) so register " +
        "--propose opens it.");

    public static readonly PipeCode PullRequestRepositoryUnknown = new(5062, "The GitHub repository of the remote is unknown", ExitCodes.BadInput,
        "Set GITHUB_REPOSITORY=owner/name (Actions sets it) or use a remote URL of the form https://HOST/OWNER/NAME(.git) or " +
        "git@HOST:OWNER/NAME(.git).");

    public static readonly PipeCode GitHubApiNotInBuild = new(5063, "This executable does not call the GitHub API", ExitCodes.Environment,
        "The Native AOT release executable leaves Octokit out (it needs reflection). Use the dotnet tool (`dotnet tool install --global " +
        "Pipeline.Cli`), the single-file release executable or the action for pull requests, check runs and comments; the verdict is still in the " +
        "annotations, the step summary and the exit code.");
}
