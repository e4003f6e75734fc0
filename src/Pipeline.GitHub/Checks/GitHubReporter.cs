using Octokit;
using Pipeline.Core.Diagnostics;
using Pipeline.GitHub.Actions;
using Pipeline.GitHub.Http;

namespace Pipeline.GitHub.Checks;

/// <summary>
/// Publishes a <see cref="CheckReport"/> on the best channel the token allows, in this order:
/// check run (needs checks: write) → commit status (statuses: write) → annotations + step summary + exit code.
/// Fork pull requests get a read-only token, so the first two answer 403; the last one needs no permission at all,
/// and the job's own exit code is what branch protection should require anyway. The step summary is always
/// written; the sticky comment is tried whenever there is a pull request and a token.
/// </summary>
public sealed class GitHubReporter : IChecksReporter
{
    /// <summary>Workflow commands beyond this many per level are not shown by GitHub (10 errors, 10 warnings per step).</summary>
    public const int AnnotationsPerLevel = 10;

    private readonly GitHubContext context;
    private readonly ActionsRuntime runtime;
    private readonly IGitHubClient? client;
    private readonly string? commentAuthor;
    private Diagnostic? apiNotInBuild;

    /// <param name="token">May be null or empty: then only the runner channel (annotations + summary) is used.</param>
    /// <param name="client">For tests; by default an Octokit client at <see cref="GitHubContext.ApiUrl"/> that waits out rate limits.</param>
    /// <param name="commentAuthor">The login our comments are written as, when known (a GitHub App's <c>SLUG[bot]</c>); by default the token's user,
    /// else github-actions[bot].</param>
    public GitHubReporter(GitHubContext context, string? token, ActionsRuntime runtime, IGitHubClient? client = null, string? commentAuthor = null)
    {
        this.context = context;
        this.runtime = runtime;
        // Masked before anything else can print: Octokit errors or a verbose log must never show it.
        runtime.Mask(token);
        if (client is null && !string.IsNullOrEmpty(token))
        {
            if (GitHubApi.IsSupported)
            {
                client = GitHubClientFactory.Create(context.ApiUrl, token);
            }
            else
            {
                // The Native AOT executable: a token was given, but only the runner channel is available. Said once.
                apiNotInBuild = new Diagnostic(Severity.Warning, PipeCodes.GitHubApiNotInBuild,
                    "this executable is the Native AOT build and does not call the GitHub API: no check run, commit status or pull-request comment",
                    Hint: PipeCodes.GitHubApiNotInBuild.Fix);
            }
        }

        this.client = client;
        // An installation token (ghs_: GITHUB_TOKEN, or a GitHub App's) is no user, and GitHub refuses GET /user for
        // it; GITHUB_TOKEN writes as GitHub Actions' bot. Any other token is asked who it is.
        this.commentAuthor = !string.IsNullOrWhiteSpace(commentAuthor) ? commentAuthor.Trim()
            : token?.StartsWith("ghs_", StringComparison.Ordinal) == true ? StickyComment.ActionsBot
            : null;
    }

    /// <summary>The "no GitHub API in this build" warning, at most once per reporter (a verb may report and comment).</summary>
    private Diagnostic? TakeApiNotInBuild()
    {
        var note = apiNotInBuild;
        apiNotInBuild = null;
        return note;
    }

    /// <summary>The reporter for the current process: environment, event payload and stdout of the runner.</summary>
    public static GitHubReporter FromEnvironment(string? token, TextWriter commands)
    {
        var runtime = new ActionsRuntime(ActionsEnvironment.Current, commands);
        return new GitHubReporter(GitHubContext.FromEnvironment(runtime.Environment), token, runtime,
            commentAuthor: Environment.GetEnvironmentVariable("PIPELINE_COMMENT_AUTHOR"));
    }

    public async Task<ReportResult> ReportAsync(CheckReport report, CancellationToken cancellationToken = default)
    {
        var target = new GitHubContextRef(context.Owner, context.Name, context.HeadSha, context.PullRequestNumber, context.RunUrl);
        var notes = new List<Diagnostic>();
        if (TakeApiNotInBuild() is { } missing)
        {
            notes.Add(missing);
        }
        // Each channel gets the report within its own limit and unit; the step summary has room for the most rows.
        runtime.AppendSummary(ReportMarkdown.Render(report, ReportMarkdown.StepSummary, context.RunUrl) + "\n");

        var channel = ReportChannel.Annotations;
        long? runId = null;
        string? runUrl = null;
        var sent = 0;
        var annotateLog = false;
        var stop = false;
        // GitHubApi.IsSupported first: in the AOT build it is a constant false and the compiler drops the call. The Octokit
        // code lives in methods of its own: an await inside this method would keep it reachable (resume points).
        if (GitHubApi.IsSupported && client is not null)
        {
            (channel, runId, runUrl, sent, annotateLog, stop) = await PublishCheckAsync(client, target, report, notes, cancellationToken);
        }

        if (channel != ReportChannel.CheckRun)
        {
            sent = Annotate(report);
        }
        else if (annotateLog)
        {
            Annotate(report);
        }

        long? commentId = null;
        if (GitHubApi.IsSupported && client is not null && context.PullRequestNumber is not null && !stop)
        {
            commentId = await CommentOnReportAsync(client, target, report, notes, cancellationToken);
        }

        return new ReportResult(channel, runId, runUrl, commentId, sent, notes);
    }

    /// <summary>
    /// Only the sticky comment <c>&lt;!-- pipeline:{key} --&gt;</c> on this run's pull request, with
    /// <paramref name="markdown"/> under the marker (cut to GitHub's 65,536 characters with a link to the run). For verbs
    /// whose verdict is not a check (gate, promote): no check run, no status. Returns the comment id (null when there is
    /// no pull request or token) and notes for the log; a failure never throws.
    /// </summary>
    public Task<(long? CommentId, IReadOnlyList<Diagnostic> Notes)> CommentAsync(
        string key,
        string markdown,
        CancellationToken cancellationToken = default)
    {
        if (!GitHubApi.IsSupported || client is null || context.PullRequestNumber is null)
        {
            IReadOnlyList<Diagnostic> notes = context.PullRequestNumber is not null && TakeApiNotInBuild() is { } missing ? [missing] : [];
            return Task.FromResult<(long?, IReadOnlyList<Diagnostic>)>((null, notes));
        }

        return CommentThroughApiAsync(client, key, markdown, cancellationToken);
    }

    private async Task<(long? CommentId, IReadOnlyList<Diagnostic> Notes)> CommentThroughApiAsync(
        IGitHubClient api,
        string key,
        string markdown,
        CancellationToken cancellationToken)
    {

        var marker = $"<!-- pipeline:{key} -->";
        var more = context.RunUrl is null ? "" : $"\n\n_Cut at GitHub's comment size; the whole report is in [the run]({context.RunUrl})._\n";
        var room = TextLimit.CommentBody.Max - TextLimit.CommentBody.Measure(marker + "\n" + more);
        var text = TextLimit.CommentBody.Measure(markdown) + TextLimit.CommentBody.Measure(marker + "\n") <= TextLimit.CommentBody.Max
            ? markdown
            : TextLimit.CommentBody.Prefix(markdown, room) + more;
        var target = new GitHubContextRef(context.Owner, context.Name, context.HeadSha, context.PullRequestNumber, context.RunUrl);
        var what = $"comment on pull request #{context.PullRequestNumber}";
        try
        {
            return (await StickyComment.UpsertAsync(api, target, marker, marker + "\n" + text, commentAuthor, cancellationToken), []);
        }
        catch (ApiException ex) when (GitHubRateLimit.From(ex, DateTimeOffset.UtcNow) is { } limit)
        {
            return (null, [RateNote(what, limit)]);
        }
        catch (ApiException ex)
        {
            return (null, [Note(PipeCodes.PullRequestCommentFailed, what, ex)]);
        }
        catch (Exception ex) when (IsWireFailure(ex, cancellationToken))
        {
            return (null, [WireNote(PipeCodes.PullRequestCommentFailed, what, ex)]);
        }
    }

    /// <summary>The check run, else the commit status; what reached GitHub, and whether to stop calling it.</summary>
    private async Task<(ReportChannel Channel, long? RunId, string? RunUrl, int Sent, bool AnnotateLog, bool Stop)> PublishCheckAsync(
        IGitHubClient api, GitHubContextRef target, CheckReport report, List<Diagnostic> notes, CancellationToken cancellationToken)
    {
        var channel = ReportChannel.Annotations;
        long? runId = null;
        string? runUrl = null;
        var sent = 0;
        var annotateLog = false;
        var stop = false;
        var what = $"check run '{report.CheckName}' on {context.HeadSha}";
        try
        {
            var outcome = await CheckRunPublisher.PublishAsync(
                api,
                target,
                report,
                ReportMarkdown.Render(report, TextLimit.CheckRunOutput, context.RunUrl),
                cancellationToken);
            (channel, runId, runUrl, sent) = (ReportChannel.CheckRun, outcome.Run.Id, outcome.Run.HtmlUrl, outcome.Attached);
            if (outcome.Failure is { } failure)
            {
                // The missing annotations reach the log instead; the run itself was completed with its conclusion.
                notes.Add(new Diagnostic(Severity.Warning, PipeCodes.CheckRunIncomplete,
                    $"{what}: {outcome.Unsent} annotation(s) were not attached ({Describe(failure)}); the run was completed and the findings are " +
                    "in the log",
                    Hint: PipeCodes.CheckRunIncomplete.Fix));
                annotateLog = true;
                stop = IsRateLimit(failure);
            }
        }
        catch (ApiException ex) when (GitHubRateLimit.From(ex, DateTimeOffset.UtcNow) is { } limit)
        {
            notes.Add(RateNote(what, limit));
            stop = true;
        }
        catch (ApiException ex) when (ex is ForbiddenException or NotFoundException or AuthorizationException)
        {
            notes.Add(Note(PipeCodes.CheckRunForbidden, what, ex));
            var status = $"commit status '{report.CheckName}' on {context.HeadSha}";
            try
            {
                await PublishStatusAsync(api, target, report);
                channel = ReportChannel.CommitStatus;
            }
            catch (ApiException inner) when (GitHubRateLimit.From(inner, DateTimeOffset.UtcNow) is { } limit)
            {
                notes.Add(RateNote(status, limit));
                stop = true;
            }
            catch (ApiException inner) when (inner is ForbiddenException or NotFoundException or AuthorizationException)
            {
                notes.Add(Note(PipeCodes.CommitStatusForbidden, status, inner));
            }
            catch (ApiException inner)
            {
                notes.Add(Note(PipeCodes.GitHubApiFailed, status, inner));
            }
            catch (Exception inner) when (IsWireFailure(inner, cancellationToken))
            {
                notes.Add(WireNote(PipeCodes.GitHubApiFailed, status, inner));
                stop = true;
            }
        }
        catch (ApiException ex)
        {
            notes.Add(Note(PipeCodes.GitHubApiFailed, what, ex));
        }
        catch (Exception ex) when (IsWireFailure(ex, cancellationToken))
        {
            // Unreachable API: the verdict still reaches the log, the summary and the exit code.
            notes.Add(
                new Diagnostic(
                    Severity.Warning,
                    PipeCodes.GitHubApiFailed,
                    $"cannot reach {context.ApiUrl}: {ex.Message}",
                    Hint: PipeCodes.GitHubApiFailed.Fix));
            stop = true;
        }
        return (channel, runId, runUrl, sent, annotateLog, stop);
    }

    private async Task<long?> CommentOnReportAsync(
        IGitHubClient api,
        GitHubContextRef target,
        CheckReport report,
        List<Diagnostic> notes,
        CancellationToken cancellationToken)
    {
        var what = $"comment on pull request #{context.PullRequestNumber}";
        try
        {
            return await StickyComment.UpsertAsync(api, target, report.Marker,
                ReportMarkdown.Render(report, TextLimit.CommentBody, context.RunUrl), commentAuthor, cancellationToken);
        }
        catch (ApiException ex) when (GitHubRateLimit.From(ex, DateTimeOffset.UtcNow) is { } limit)
        {
            notes.Add(RateNote(what, limit));
        }
        catch (ApiException ex)
        {
            notes.Add(Note(PipeCodes.PullRequestCommentFailed, what, ex));
        }
        catch (Exception ex) when (IsWireFailure(ex, cancellationToken))
        {
            // The check run (or status) already carries the verdict; a comment lost on the wire must not crash verify.
            notes.Add(WireNote(PipeCodes.PullRequestCommentFailed, what, ex));
        }
        return null;
    }

    private static bool IsRateLimit(Exception ex) => ex is ApiException api && GitHubRateLimit.From(api, DateTimeOffset.UtcNow) is not null;

    private static string Describe(Exception ex) => ex is ApiException api
        ? $"HTTP {(int)api.StatusCode} {(GitHubRateLimit.From(api, DateTimeOffset.UtcNow) is { } limit ? limit.Describe() : api.Message)}"
        : ex.Message;

    // A rate limit is not a permission problem: say which limit and when to retry, never "add checks: write".
    private static Diagnostic RateNote(string what, GitHubRateLimit limit) =>
        new(
            Severity.Warning,
            PipeCodes.GitHubRateLimited,
            $"{what}: {limit.Describe()}; gave up after the retry budget",
            Hint: PipeCodes.GitHubRateLimited.Fix);

    private static Task PublishStatusAsync(IGitHubClient client, GitHubContextRef target, CheckReport report)
    {
        var description = $"{report.Title} ({report.Findings.Count(f => f.Severity == Severity.Error)} error(s))";
        return client.Repository.Status.Create(target.Owner, target.Name, target.HeadSha, new NewCommitStatus
        {
            State = report.Conclusion == ReportConclusion.Success ? CommitState.Success : CommitState.Failure,
            Context = report.CheckName,
            // GitHub refuses descriptions over 140 characters.
            Description = TextLimit.StatusDescription.Clip(description),
            TargetUrl = target.RunUrl,
        });
    }

    // GitHub shows only the first 10 annotations of each level per step; the rest are summed up in one notice.
    private int Annotate(CheckReport report)
    {
        var shown = 0;
        var hidden = 0;
        foreach (var level in ReportMarkdown.Ordered(report.Findings).GroupBy(f => f.Severity))
        {
            foreach (var f in level.Take(AnnotationsPerLevel))
            {
                runtime.Annotate(
                    new Annotation(f.Severity, f.Hint is { Length: > 0 } h ? $"{f.Message}\nfix: {h}" : f.Message, f.Path, f.Line, f.Code));
                shown++;
            }

            hidden += Math.Max(0, level.Count() - AnnotationsPerLevel);
        }

        if (hidden > 0)
        {
            runtime.Annotate(
                new Annotation(
                    Severity.Notice,
                    $"{hidden} more finding(s) of {report.CheckName} are listed in the step summary.",
                    Title: report.CheckName));
        }

        return runtime.IsActions ? shown : 0;
    }

    // A dropped connection (HttpRequestException) or HttpClient's own timeout (TaskCanceledException while the caller
    // did not cancel): the API is not there right now, which is a note, never a crash that hides the verdict.
    private static bool IsWireFailure(Exception ex, CancellationToken cancellationToken) =>
        ex is HttpRequestException || (ex is TaskCanceledException && !cancellationToken.IsCancellationRequested);

    private Diagnostic WireNote(PipeCode code, string what, Exception ex) =>
        new(Severity.Warning, code, $"{what}: cannot reach {context.ApiUrl}: {ex.Message}", Hint: code.Fix);

    // The message is Octokit's (GitHub's "message" field); it never contains the token, which only travels in a header.
    private static Diagnostic Note(PipeCode code, string what, ApiException ex) =>
        new(Severity.Warning, code, $"{what}: HTTP {(int)ex.StatusCode} {ex.Message}", Hint: code.Fix);
}
