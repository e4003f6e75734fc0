using Pipeline.Cli.Output;
using Pipeline.Cli.Output.Results;
using Pipeline.Core.Diagnostics;
using Pipeline.Core.Registry;
using Pipeline.Core.Tracking;
using Pipeline.Git.Registry;
using Pipeline.GitHub.PullRequests;

namespace Pipeline.Cli.Commands.Registry;

/// <summary>
/// <c>register --propose</c>: the proposal commit and branch (Pipeline.Git), then the pull request (Pipeline.GitHub)
/// or, without GITHUB_TOKEN, the compare URL. Kept apart from <see cref="RegisterCommand"/> so the direct mode never
/// loads Octokit.
/// </summary>
internal static class ProposeVerb
{
    public static int Run(
        CliConsole console, RegistryStore store, RegisterRequest request, string remote, string? baseBranch, string championAlias, bool json)
    {
        var files = RunFiles(store.RepoPath, request.Run);
        var result = store.Propose(request, remote, baseBranch, files);
        ProposalPullRequest? pull = null;
        string? compareUrl = null;
        if (result.Outcome != ProposalOutcome.AlreadyRegistered)
        {
            (pull, compareUrl) = PullRequest(console, store, result, remote, championAlias);
        }

        if (json)
        {
            JsonOut.Write(console.Out, new ProposeOutput(
                result.Model,
                result.Version.ToString(),
                result.Fingerprint,
                Outcome(result.Outcome),
                result.Branch,
                result.BaseBranch,
                result.BaseCommit,
                result.Commit, result.RecordPath, result.Run, RegistryVerb.Shown(remote),
                pull is null ? null : new ProposePullRequestOutput(pull.Number, pull.Url, pull.Created),
                compareUrl), CliJsonContext.Default.ProposeOutput);
            return ExitCodes.Success;
        }

        console.Out.WriteLine(result.Outcome switch
        {
            ProposalOutcome.AlreadyRegistered =>
                $"{result.Model} {result.Version} already has this lineage on '{result.BaseBranch}' (fingerprint {result.Fingerprint[..12]}…); " +
                "nothing proposed",
            ProposalOutcome.Unchanged =>
                $"{result.Model} {result.Version} is already proposed on '{result.Branch}' ({result.Commit![..12]}), up to date with " +
                $"'{result.BaseBranch}'",
            ProposalOutcome.Updated =>
                $"proposed {result.Model} {result.Version} again: '{result.Branch}' rebuilt on '{result.BaseBranch}' ({result.Commit![..12]})",
            _ =>
                $"proposed {result.Model} {result.Version} (fingerprint {result.Fingerprint[..12]}…) on branch '{result.Branch}' " +
                $"({result.Commit![..12]}), based on '{result.BaseBranch}'",
        });
        if (pull is not null)
        {
            console.Out.WriteLine($"pull request #{pull.Number} {(pull.Created ? "opened" : "updated")}: {pull.Url}");
        }
        else if (compareUrl is not null)
        {
            console.Out.WriteLine($"open the pull request: {compareUrl}");
        }

        return ExitCodes.Success;
    }

    private static (ProposalPullRequest?, string?) PullRequest(
        CliConsole console, RegistryStore store, ProposalResult result, string remote, string championAlias)
    {
        var remoteUrl = Pipeline.Git.GitCli.Run(store.RepoPath, "remote", "get-url", remote) is { Ok: true } got ? got.StdOut.Trim() : remote;
        var repository = ProposalPullRequests.Repository(Environment.GetEnvironmentVariable("GITHUB_REPOSITORY"), remoteUrl);
        var serverUrl = Environment.GetEnvironmentVariable("GITHUB_SERVER_URL") is { Length: > 0 } s
            ? s
            : repository?.ServerUrl ?? "https://github.com";
        var compareUrl = repository is { } r ? ProposalPullRequests.CompareUrl(serverUrl, r.Owner, r.Name, result.BaseBranch, result.Branch) : null;
        var token = Environment.GetEnvironmentVariable("GITHUB_TOKEN");
        if (string.IsNullOrEmpty(token))
        {
            console.Error.WriteLine(new Diagnostic(Severity.Notice, PipeCodes.PullRequestNoToken,
                $"GITHUB_TOKEN is not set: branch '{result.Branch}' was pushed without a pull request" + (
                    compareUrl is null ? "" : $"; open it at {compareUrl}"),
                null, null, PipeCodes.PullRequestNoToken.Fix).Canonical());
            return (null, compareUrl);
        }

        if (repository is not { } repo)
        {
            throw new PipelineException(PipeCodes.PullRequestRepositoryUnknown,
                $"cannot tell the GitHub repository of remote '{Pipeline.Git.UrlRedaction.Strip(remoteUrl)}' (branch '{result.Branch}' was pushed)");
        }

        var champion = store.State(result.Model).Aliases.TryGetValue(championAlias, out var held) ? store.Record(result.Model, held) : null;
        var body = ProposalBody.Markdown(result.Record, result.RecordPath, championAlias, champion);
        var apiUrl = Environment.GetEnvironmentVariable("GITHUB_API_URL") is { Length: > 0 } api ? api : "https://api.github.com";
        try
        {
            var pull = ProposalPullRequests.OpenOrUpdateAsync(apiUrl, token, repo.Owner, repo.Name, result.Branch, result.BaseBranch,
                ProposalBody.Title(result.Model, result.Version), body).GetAwaiter().GetResult();
            return (pull, compareUrl);
        }
        catch (PipelineException ex) when (compareUrl is not null)
        {
            throw new PipelineException(ex.Code, ex.Message + $"; open it at {compareUrl}", ex.File, ex.Line);
        }
    }

    /// <summary>The run's record and series from the ledger, as repo-relative paths → bytes, for the proposal commit.</summary>
    private static Dictionary<string, byte[]>? RunFiles(string root, string? runId)
    {
        if (runId is null)
        {
            return null;
        }

        var ledger = Runs.RunsRepo.Ledger(root);
        var run = ledger.Read(runId);
        if (RunLedger.EffectiveStatus(run) == RunStatus.Running)
        {
            throw new PipelineException(PipeCodes.RunStillRunning, $"run {runId} is still being written by a live process");
        }

        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal)
        {
            [Runs.RunsRepo.Relative(root, ledger.RecordPath(runId))] = File.ReadAllBytes(ledger.RecordPath(runId)),
        };
        if (File.Exists(ledger.SeriesPath(runId)))
        {
            files[Runs.RunsRepo.Relative(root, ledger.SeriesPath(runId))] = File.ReadAllBytes(ledger.SeriesPath(runId));
        }

        return files;
    }

    private static string Outcome(ProposalOutcome outcome) => outcome switch
    {
        ProposalOutcome.Proposed => "proposed",
        ProposalOutcome.Updated => "updated",
        ProposalOutcome.Unchanged => "unchanged",
        _ => "already_registered",
    };
}
