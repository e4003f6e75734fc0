using System.CommandLine;
using Pipeline.Cli.Output;
using Pipeline.Cli.Output.Results;
using Pipeline.Core.Diagnostics;
using Pipeline.Core.Verify;
using Pipeline.Git.Verify;
using Pipeline.GitHub.Checks;

namespace Pipeline.Cli.Commands.Verify;

/// <summary>
/// <c>pipeline verify</c>: the check that blocks unreproducible models. Exit 0 only when every version record the
/// change adds recomputes from the repository and no existing record was modified or deleted. With --version it checks
/// exactly the named records in head (what a serving build needs for the one version it embeds).
/// </summary>
internal static class VerifyCommand
{
    public static Command Build(CliConsole console)
    {
        var repo = Verb.RepoOption();
        var baseRef = new Option<string?>("--base")
        {
            Description = "Base revision (default: the PR base, else origin/HEAD, main or master; their merge base with head)."
        };
        var head = new Option<string>("--head") { Description = "Head revision.", DefaultValueFactory = _ => "HEAD" };
        var all = new Option<bool>("--all") { Description = "Verify every version record in head, not only the added ones." };
        var versions = new Option<string[]>("--version")
        {
            Description = "Verify exactly this version's record in head, MODEL@vX.Y.Z (repeatable); no base is needed.",
        };
        var registryDir = new Option<string?>("--registry-dir")
        {
            Description = "Registry folder (default: registry.folder of pipeline.yaml, else registry)."
        };
        var gateFile = new Option<string?>("--gate-file")
        {
            Description = "Gate file whose edits are flagged (default: gate.file of pipeline.yaml, else gate.yaml)."
        };
        var noFetch = new Option<bool>("--no-fetch") { Description = "Never fetch missing commits (shallow clones)." };
        var json = Verb.JsonOption();
        var command = new Command("verify", "Verify that every version record added between base and head is reproducible.")
        {
            repo, baseRef, head, all, versions, registryDir, gateFile, noFetch, json,
        };

        Verb.SetAction(command, console, json, async (parse, cancellationToken) =>
        {
            var selected = parse.GetValue(versions) ?? [];
            if (selected.Length > 0 && (parse.GetValue(all) || parse.GetValue(baseRef) is not null))
            {
                // --version names the records to check; a base or --all would silently widen or ignore that choice.
                throw new PipelineException(PipeCodes.UsageError, "--version verifies the named records in head; it takes no --base or --all");
            }

            var options = new VerifyOptions
            {
                Base = parse.GetValue(baseRef),
                Head = parse.GetValue(head) ?? "HEAD",
                All = parse.GetValue(all),
                Versions = selected,
                RegistryDir = parse.GetValue(registryDir),
                GateFile = parse.GetValue(gateFile),
                AllowFetch = !parse.GetValue(noFetch),
            };
            var (report, github) = await VerifyRun.ExecuteAsync(
                parse.GetValue(repo) ?? Directory.GetCurrentDirectory(), options, console, parse.GetValue(json), cancellationToken);
            Print(console, report, github, parse.GetValue(json));
            return report.Ok ? ExitCodes.Success : ExitCodes.No;
        });
        return command;
    }

    private static void Print(CliConsole console, VerifyReport report, ReportResult? github, bool json)
    {
        foreach (var f in report.AllFindings)
        {
            console.Error.WriteLine(OneLine(f.Canonical()));
            if (f.Hint is not null)
            {
                console.Error.WriteLine("  fix: " + OneLine(f.Hint));
            }
        }

        if (json)
        {
            JsonOut.Write(console.Out, Document(report, github), CliJsonContext.Default.VerifyOutput);
            return;
        }

        foreach (var v in report.Versions)
        {
            console.Out.WriteLine(OneLine($"{(v.Ok ? "ok  " : "FAIL")}  {v.Model}@{v.Version}  {v.Fingerprint ?? "-"}"));
        }

        console.Out.WriteLine(report.Title);
    }

    private static string OneLine(string text) => Diagnostic.OneLine(text);

    internal static VerifyOutput Document(VerifyReport report, ReportResult? github) => new(
        report.Ok,
        report.Title,
        report.Base,
        report.Head,
        report.Versions.Select(v => new VerifiedVersionDocument(v.Model, v.Version, v.Path, v.Fingerprint, v.Ok)).ToArray(),
        report.AllFindings.Select(f => new FindingDocument(f.File, f.Line, f.Code.Id, f.Severity.ToString().ToLowerInvariant(), f.Message, f.Hint))
            .ToArray(),
        github is null ? null : new GitHubReportDocument(github.ChannelName, github.CheckRunUrl, github.CommentId, github.AnnotationsSent));
}
