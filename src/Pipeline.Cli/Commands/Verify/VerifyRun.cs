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

        var report = SignedAliasFindings(options, new Verifier(repoPath, options).Run(), repoPath);
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

        console.Error.WriteLine(
            $"verify: reported on GitHub via {result.ChannelName}" + (result.CheckRunUrl is null ? "" : $" ({result.CheckRunUrl})"));
        return (report, result);
    }

    /// <summary>
    /// With <c>require: {signed_tags: true}</c> on the protected gate: every alias event of the models verified (with
    /// --all, of every model) must be signed by a key of the protected ref's allowed-signers file; each one that is not
    /// is an error finding (PIPE4111), so the check fails.
    /// </summary>
    private static VerifyReport SignedAliasFindings(VerifyOptions options, VerifyReport report, string repoPath)
    {
        using var signing = Pipeline.Git.Signing.SignedAliases.Load(repoPath, options.GateFile, null, Environment.GetEnvironmentVariable);
        if (signing is null)
        {
            return report;
        }

        var models = report.Versions.Select(v => v.Model).ToHashSet(StringComparer.Ordinal);
        var states = new Pipeline.Git.Registry.RegistryStore(signing.Root).AllStates()
            .Where(s => options.All || models.Contains(s.Key))
            .ToDictionary(s => s.Key, s => s.Value, StringComparer.Ordinal);
        var findings = signing.Findings(states);
        return findings.Count == 0 ? report : report with { ChangeFindings = [.. report.ChangeFindings, .. findings] };
    }
}
