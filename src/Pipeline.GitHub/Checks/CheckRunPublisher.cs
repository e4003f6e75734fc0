using Octokit;
using Pipeline.Core.Diagnostics;
using Pipeline.GitHub.Http;

namespace Pipeline.GitHub.Checks;

/// <summary>
/// A check run with every finding as an annotation. GitHub takes at most 50 annotations per request and appends
/// those of each update, so: create with the first 50, PATCH the rest 50 at a time, and set the conclusion only on
/// the last call — a check that looks completed while annotations are still arriving would be read as final.
/// A run left <c>in_progress</c> blocks a required check forever, so when a later batch fails the run is still
/// completed, with its conclusion and a summary that says how many annotations are missing.
/// </summary>
internal static class CheckRunPublisher
{
    public const int BatchSize = 50;

    /// <summary>What reached GitHub: the run as last answered, the annotations attached, and why the rest were not.</summary>
    public sealed record Outcome(CheckRun Run, int Attached, int Unsent, Exception? Failure);

    public static async Task<Outcome> PublishAsync(
        IGitHubClient client, GitHubContextRef target, CheckReport report, string text, CancellationToken ct)
    {
        var annotations = ReportMarkdown.Ordered(report.Findings).Where(f => f.Path is { Length: > 0 }).Select(ToAnnotation).ToList();
        var batches = annotations.Chunk(BatchSize).ToList();
        var summary = report.Summary.Length > 0 ? report.Summary : report.Title;
        var title = TextLimit.AnnotationTitle.Clip(report.Title);
        var conclusion = report.Conclusion == ReportConclusion.Success ? CheckConclusion.Success : CheckConclusion.Failure;
        text = TextLimit.CheckRunOutput.Clip(text);

        NewCheckRunOutput Output(int batch, string? note = null) =>
            new(title, TextLimit.CheckRunOutput.Clip(note is null ? summary : note + "\n\n" + summary))
        {
            Text = text,
            Annotations = batch < batches.Count ? batches[batch] : null,
        };

        var single = batches.Count <= 1;
        var create = new NewCheckRun(report.CheckName, target.HeadSha)
        {
            DetailsUrl = target.RunUrl,
            Output = Output(0),
        };
        if (single)
        {
            create.Status = CheckStatus.Completed;
            create.Conclusion = conclusion;
            create.CompletedAt = DateTimeOffset.UtcNow;
        }
        else
        {
            create.Status = CheckStatus.InProgress;
        }

        ct.ThrowIfCancellationRequested();
        var run = await client.Check.Run.Create(target.Owner, target.Name, create);
        var attached = batches.Count > 0 ? batches[0].Length : 0;
        var unsent = 0;
        Exception? failure = null;
        for (var i = 1; i < batches.Count; i++)
        {
            ct.ThrowIfCancellationRequested();
            var update = new CheckRunUpdate { Output = Output(i) };
            if (i == batches.Count - 1)
            {
                update.Status = CheckStatus.Completed;
                update.Conclusion = conclusion;
                update.CompletedAt = DateTimeOffset.UtcNow;
            }

            try
            {
                run = await client.Check.Run.Update(target.Owner, target.Name, run.Id, update);
                attached += batches[i].Length;
            }
            catch (Exception ex) when (ex is ApiException || IsWireFailure(ex, ct))
            {
                // One refused batch does not lose the others; a rate limit or a dead connection would refuse them all.
                failure ??= ex;
                unsent += batches[i].Length;
                if (ex is not ApiException api || GitHubRateLimit.From(api, DateTimeOffset.UtcNow) is not null)
                {
                    unsent += batches.Skip(i + 1).Sum(b => b.Length);
                    break;
                }
            }
        }

        if (failure is null)
        {
            return new Outcome(run, attached, 0, null);
        }

        var note = $"> ⚠️ {unsent} annotation(s) could not be attached to this check run (GitHub answered: {Reason(failure)}); every finding is in " +
            "the table below, the job summary and the job log.";
        run = await CompleteAsync(client, target, run, new CheckRunUpdate
        {
            Status = CheckStatus.Completed,
            Conclusion = conclusion,
            CompletedAt = DateTimeOffset.UtcNow,
            Output = Output(batches.Count, note),
        });
        return new Outcome(run, attached, unsent, failure);
    }

    // Best effort: if completing fails too (the same rate limit, GitHub down), the caller reports the first failure.
    private static async Task<CheckRun> CompleteAsync(IGitHubClient client, GitHubContextRef target, CheckRun run, CheckRunUpdate update)
    {
        try
        {
            return await client.Check.Run.Update(target.Owner, target.Name, run.Id, update);
        }
        catch (Exception ex) when (ex is ApiException or HttpRequestException or TaskCanceledException)
        {
            return run;
        }
    }

    private static string Reason(Exception ex) => ex is ApiException api
        ? $"HTTP {(int)api.StatusCode} {(GitHubRateLimit.From(api, DateTimeOffset.UtcNow) is { } limit ? limit.Describe() : api.Message)}"
        : ex.Message;

    private static bool IsWireFailure(Exception ex, CancellationToken ct) =>
        ex is HttpRequestException || (ex is TaskCanceledException && !ct.IsCancellationRequested);

    private static NewCheckRunAnnotation ToAnnotation(Finding f)
    {
        var line = f.Line is > 0 ? f.Line.Value : 1;
        var level = f.Severity switch
        {
            Severity.Error => CheckAnnotationLevel.Failure,
            Severity.Warning => CheckAnnotationLevel.Warning,
            _ => CheckAnnotationLevel.Notice,
        };
        return new NewCheckRunAnnotation(f.Path!, line, line, level, TextLimit.AnnotationText.Clip(f.Message.Length > 0 ? f.Message : f.Code))
        {
            Title = TextLimit.AnnotationTitle.Clip(f.Code),
            RawDetails = f.Hint is { Length: > 0 } hint ? TextLimit.AnnotationText.Clip("fix: " + hint) : null,
        };
    }
}

/// <summary>The few facts of <see cref="Actions.GitHubContext"/> the publishers need.</summary>
internal sealed record GitHubContextRef(string Owner, string Name, string HeadSha, int? PullRequestNumber, string? RunUrl);
