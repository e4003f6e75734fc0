using Pipeline.Core.Diagnostics;
using Pipeline.GitHub.Actions;
using Pipeline.GitHub.Checks;

namespace Pipeline.Cli.Output;

/// <summary>
/// Gate and promote on a pull request: the decision (with its charts) as one sticky comment per model and alias,
/// edited in place on every run, where reviewers already look. Only inside GitHub Actions, on a pull_request event,
/// with GITHUB_TOKEN set; a comment that cannot be written is a note on stderr, never a change of the verdict.
/// </summary>
internal static class PullRequestComment
{
    public static void Upsert(string key, string markdown, TextWriter log)
    {
        var token = Environment.GetEnvironmentVariable("GITHUB_TOKEN");
        var environment = ActionsEnvironment.Current;
        if (!environment.IsActions || string.IsNullOrEmpty(token))
        {
            return;
        }

        GitHubContext context;
        try
        {
            context = GitHubContext.FromEnvironment(environment);
        }
        catch (PipelineException)
        {
            // No repository or commit in the environment: nothing to comment on.
            return;
        }

        if (context.PullRequestNumber is null)
        {
            return;
        }

        var reporter = new GitHubReporter(
            context,
            token,
            new ActionsRuntime(environment, log),
            commentAuthor: Environment.GetEnvironmentVariable("PIPELINE_COMMENT_AUTHOR"));
        var (_, notes) = reporter.CommentAsync(key.Replace("--", "-", StringComparison.Ordinal), markdown).GetAwaiter().GetResult();
        foreach (var note in notes)
        {
            log.WriteLine(note.Canonical());
        }
    }
}
