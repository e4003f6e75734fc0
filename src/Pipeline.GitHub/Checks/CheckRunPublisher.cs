using Octokit;
using Pipeline.Core.Diagnostics;

namespace Pipeline.GitHub.Checks;

/// <summary>
/// A check run with every finding as an annotation. GitHub takes at most 50 annotations per request and appends
/// those of each update, so: create with the first 50, PATCH the rest 50 at a time, and set the conclusion only on
/// the last call — a check that looks completed while annotations are still arriving would be read as final.
/// </summary>
internal static class CheckRunPublisher
{
    public const int BatchSize = 50;

    public static async Task<(CheckRun Run, int Annotations)> PublishAsync(IGitHubClient client, GitHubContextRef target, CheckReport report, string text, CancellationToken ct)
    {
        var annotations = ReportMarkdown.Ordered(report.Findings).Where(f => f.Path is { Length: > 0 }).Select(ToAnnotation).ToList();
        var batches = annotations.Chunk(BatchSize).ToList();
        var summary = Limit(report.Summary.Length > 0 ? report.Summary : report.Title);
        var title = report.Title.Length <= 255 ? report.Title : report.Title[..254] + "…";
        var conclusion = report.Conclusion == ReportConclusion.Success ? CheckConclusion.Success : CheckConclusion.Failure;

        NewCheckRunOutput Output(int batch) => new(title, summary)
        {
            Text = Limit(text),
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

            run = await client.Check.Run.Update(target.Owner, target.Name, run.Id, update);
        }

        return (run, annotations.Count);
    }

    private static NewCheckRunAnnotation ToAnnotation(Finding f)
    {
        var line = f.Line is > 0 ? f.Line.Value : 1;
        var level = f.Severity switch
        {
            Severity.Error => CheckAnnotationLevel.Failure,
            Severity.Warning => CheckAnnotationLevel.Warning,
            _ => CheckAnnotationLevel.Notice,
        };
        return new NewCheckRunAnnotation(f.Path!, line, line, level, Limit(f.Message, 60_000))
        {
            Title = f.Code,
            RawDetails = f.Hint is { Length: > 0 } hint ? Limit("fix: " + hint, 60_000) : null,
        };
    }

    private static string Limit(string text, int max = ReportMarkdown.SafeLimit) => text.Length <= max ? text : text[..(max - 1)] + "…";
}

/// <summary>The few facts of <see cref="Actions.GitHubContext"/> the publishers need.</summary>
internal sealed record GitHubContextRef(string Owner, string Name, string HeadSha, int? PullRequestNumber, string? RunUrl);
