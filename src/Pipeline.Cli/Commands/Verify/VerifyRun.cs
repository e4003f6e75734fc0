using Pipeline.Core.Verify;
using Pipeline.Git.Verify;
using Pipeline.GitHub.Actions;
using Pipeline.GitHub.Checks;

namespace Pipeline.Cli.Commands.Verify;

/// <summary>
/// Runs the verifier and, inside GitHub Actions, publishes the verdict (check run on the PR head, sticky comment,
/// or the fallbacks). Kept apart from the command so git and GitHub types load only when verify runs.
/// </summary>
internal static class VerifyRun
{
    public static async Task<(VerifyReport Report, ReportResult? GitHub)> ExecuteAsync(
        string repoPath, VerifyOptions options, CliConsole console, bool json, CancellationToken cancellationToken)
    {
        var environment = ActionsEnvironment.Current;
        GitHubContext? context = null;
        if (environment.IsActions)
        {
            context = GitHubContext.FromEnvironment(environment);
            options = options with { PullRequestBaseSha = options.PullRequestBaseSha ?? context.BaseSha };
        }

        var report = new Verifier(repoPath, options).Run();
        if (context is null)
        {
            return (report, null);
        }

        // Workflow commands must not mix into the one JSON document on stdout; the runner reads them on stderr too.
        // These are the commands we mean to send: they bypass the text escaping (which would neutralise them).
        console.Flush();
        var commands = json ? console.RawError : console.RawOut;
        var runtime = new ActionsRuntime(environment, commands);
        var token = Environment.GetEnvironmentVariable("GITHUB_TOKEN");
        var reporter = new GitHubReporter(context, token, runtime);
        var check = new CheckReport(
            "verify",
            report.Title,
            report.VersionsMarkdown(),
            report.Ok ? ReportConclusion.Success : ReportConclusion.Failure,
            report.AllFindings.Select(Finding.From).ToArray());
        var result = await reporter.ReportAsync(check, cancellationToken);
        foreach (var note in result.Notes)
        {
            console.Error.WriteLine(note.Canonical());
        }

        console.Error.WriteLine($"verify: reported on GitHub via {result.ChannelName}" + (result.CheckRunUrl is null ? "" : $" ({result.CheckRunUrl})"));
        return (report, result);
    }
}
