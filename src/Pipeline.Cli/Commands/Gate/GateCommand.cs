using System.CommandLine;
using Pipeline.Cli.Output;
using Pipeline.Cli.Output.Results;
using Pipeline.Core.Diagnostics;
using Pipeline.Core.Gate;

namespace Pipeline.Cli.Commands.Gate;

/// <summary>
/// <c>pipeline gate MODEL --version V --alias A</c>: champion vs challenger under the protected gate.yaml. Decides and
/// writes nothing. Exit 0 promote, 1 hold, 2 bad input, 3 environment (e.g. the protected ref is not fetched).
/// </summary>
internal static class GateCommand
{
    public static Command Build(CliConsole console)
    {
        var options = new GateOptions();
        var json = Verb.JsonOption();
        var command = new Command(
            "gate",
            "Decide whether a version may take an alias: every gate rule passes and it strictly beats the champion. Writes nothing.");
        options.AddTo(command);
        command.Options.Add(json);

        Verb.SetAction(command, console, json, parse =>
        {
            var outcome = GateRunner.Decide(options.Request(parse), Environment.GetEnvironmentVariable);
            Report(console, outcome, parse.GetValue(json));
            if (parse.GetValue(json))
            {
                JsonOut.Write(
                    console.Out,
                    new GateOutput(true, Documents.Of(outcome.Decision), Warnings(outcome)),
                    CliJsonContext.Default.GateOutput);
            }

            return outcome.Decision.Promote ? ExitCodes.Success : ExitCodes.No;
        });
        return command;
    }

    /// <summary>What every gate decision prints besides its JSON: warnings and the hold on stderr, the Actions summary, the text form.</summary>
    public static void Report(CliConsole console, GateOutcome outcome, bool json)
    {
        foreach (var w in outcome.Warnings)
        {
            console.Error.WriteLine(w.Canonical());
        }

        var d = outcome.Decision;
        if (!d.Promote)
        {
            console.Error.WriteLine(new Diagnostic(Severity.Error, PipeCodes.GateHeld,
                $"{d.Model}@{d.Candidate.Version} does not take '{d.Alias}': {string.Join("; ", d.Reasons)}").Canonical());
        }

        if (ActionsBridge.Enabled)
        {
            var markdown = GateDecisionMarkdown.Render(d) + Pipeline.Core.Charts.GateCharts.Render(d, outcome.Series);
            ActionsBridge.Summary(markdown);
            PullRequestComment.Upsert($"gate {d.Model} {d.Alias}", markdown, console.Error);
        }

        if (!json)
        {
            foreach (var line in GateDecisionText.Lines(d))
            {
                console.Out.WriteLine(line);
            }
        }
    }

    public static IReadOnlyList<DiagnosticDocument> Warnings(GateOutcome outcome) => outcome.Warnings.Select(Documents.Of).ToArray();
}

/// <summary>The options <c>gate</c> and <c>promote</c> share.</summary>
internal sealed class GateOptions
{
    public Argument<string> Model { get; } = new("model") { Description = "The model name." };

    public Option<string> Version { get; } = new("--version") { Description = "The candidate version (vX.Y.Z).", Required = true };

    public Option<string> Alias { get; } = new("--alias") { Description = "The alias to decide on (e.g. production).", Required = true };

    public Option<string[]> Evals { get; } = new("--eval")
    {
        Description = "Extra eval result files for the candidate.",
        AllowMultipleArgumentsPerToken = true
    };

    public Option<string?> GateFile { get; } = new("--gate-file")
    {
        Description = "Path of the gate file in the repository (default: gate.file of the protected pipeline.yaml, else gate.yaml)."
    };

    public Option<string?> GateRef { get; } = new("--gate-ref")
    {
        Description = "The protected ref: the gate file is read from it and the candidate's record must be reachable from it (default: gate.yaml " +
            "from origin/$GITHUB_BASE_REF, else the default branch; records from the registry branch as origin has it)."
    };

    public Option<string?> Run { get; } = new("--run")
    {
        Description = "The candidate's run (id in registry/runs/ or a run file) whose series the health rules read."
    };

    public Option<string?> Repo { get; } = Verb.RepoOption();

    public Option<string?> RegistryDir { get; } = new("--registry-dir")
    {
        Description = "The registry folder in the repository (default: registry.folder of pipeline.yaml, else registry)."
    };

    public Option<string?> Branch { get; } = new("--branch")
    {
        Description = "The branch holding the records, where promote records a hold (default: the checked-out branch)."
    };

    public void AddTo(Command command)
    {
        command.Arguments.Add(Model);
        foreach (var o in new Option[] { Version, Alias, Evals, GateFile, GateRef, Run, Repo, RegistryDir, Branch })
        {
            command.Options.Add(o);
        }
    }

    public GateRequest Request(ParseResult parse) => new(
        parse.GetValue(Model)!,
        parse.GetValue(Version)!,
        parse.GetValue(Alias)!,
        parse.GetValue(Evals) ?? [],
        parse.GetValue(GateFile),
        parse.GetValue(GateRef),
        parse.GetValue(Run),
        parse.GetValue(Repo),
        parse.GetValue(RegistryDir),
        parse.GetValue(Branch));
}
