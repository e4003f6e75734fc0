using System.ComponentModel;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Build.Framework;
using Pipeline.Cli.Output.Results;
using Pipeline.Tasks.Cli;
using Pipeline.Tasks.Diagnostics;

namespace Pipeline.Tasks;

/// <summary>
/// The frame of every task (docs/design.md §9): run the packaged CLI with <c>--json</c>, turn its error document or canonical
/// stderr lines into MSBuild errors with the same PIPE code, file and line, forward its warnings, and hand the JSON
/// document to the task to map onto outputs. No git, YAML or libgit2 code ever loads inside MSBuild.
/// </summary>
public abstract class PipelineCliTask : Microsoft.Build.Utilities.Task, ICancelableTask
{
    private readonly CancellationTokenSource cancel = new();

    /// <summary>The CLI: <c>pipeline.dll</c> (run by the dotnet host) or an executable. Default: the one in the package.</summary>
    public string? PipelineCliPath { get; set; }

    /// <summary>The dotnet host that runs a <c>.dll</c> CLI. Default: <c>DOTNET_HOST_PATH</c>, then <c>dotnet</c>.</summary>
    public string? DotnetHostPath { get; set; }

    /// <summary>The folder the CLI runs in (relative paths in its inputs resolve against it).</summary>
    public string? WorkingDirectory { get; set; }

    /// <summary>How long the CLI may run before it is stopped and the task fails with PIPE0903.</summary>
    public int TimeoutSeconds { get; set; } = 600;

    /// <summary>
    /// When set (the serving build passes the digest of the model's tag tips), a successful answer is kept for the rest of
    /// the build (<c>RegisterTaskObject</c>), keyed by this value, the task, the CLI, its folder and its arguments
    /// (repository, model, alias): the other target frameworks and projects of the build reuse it instead of starting the
    /// CLI again.
    /// </summary>
    public string? ReuseKey { get; set; }

    /// <summary>PipelineVerbosity=detailed: the command line and whether an answer was reused, at high importance.</summary>
    public bool Trace { get; set; }

    /// <summary>The CLI's exit code (0 success, 1 a check said no, 2 bad input, 3 environment).</summary>
    [Output]
    public int ExitCode { get; private set; }

    public void Cancel() => cancel.Cancel();

    public sealed override bool Execute()
    {
        CliCommand command;
        try
        {
            command = BuildCommand();
        }
        catch (TaskInputException ex)
        {
            Error(TaskCodes.TaskInputInvalid, ex.Message);
            return false;
        }

        command.Add("--json");
        var cliPath = string.IsNullOrEmpty(PipelineCliPath) ? CliLocation.DefaultCliPath() : Path.GetFullPath(PipelineCliPath);
        if (!File.Exists(cliPath))
        {
            Error(TaskCodes.CliNotFound, $"the Pipeline CLI was not found at '{cliPath}'");
            Hint("reinstall the Pipeline.Tasks package, or set PipelineCliPath to pipeline.dll or a pipeline executable");
            return false;
        }

        var location = CliLocation.For(cliPath, DotnetHostPath);
        var commandLine = string.Join(" ", location.Prefix.Concat(command.Arguments).Select(Quote));
        var key = string.IsNullOrEmpty(ReuseKey) ? null : string.Join("\n", new[]
        {
            "Pipeline.Tasks.CliResult", GetType().FullName ?? "", location.FileName, commandLine,
            string.IsNullOrEmpty(WorkingDirectory) ? Directory.GetCurrentDirectory() : Path.GetFullPath(WorkingDirectory), ReuseKey,
        });
        var engine = key is null ? null : BuildEngine as IBuildEngine4;
        if (engine?.GetRegisteredTaskObject(key!, RegisteredTaskObjectLifetime.Build) is CliResult earlier)
        {
            Log.LogMessage(Trace ? MessageImportance.High : MessageImportance.Low,
                "Pipeline: reusing this build's earlier answer of {0} {1} (no CLI started)", location.FileName, commandLine);
            ExitCode = earlier.ExitCode;
            return Interpret(earlier) && !Log.HasLoggedErrors;
        }

        Log.LogMessage(Trace ? MessageImportance.High : MessageImportance.Low, "Pipeline: {0} {1}", location.FileName, commandLine);

        CliResult result;
        try
        {
            result = CliProcess.Run(location, command.Arguments, WorkingDirectory, TimeSpan.FromSeconds(TimeoutSeconds), cancel.Token);
        }
        catch (Exception ex) when (ex is Win32Exception or InvalidOperationException or IOException)
        {
            Error(TaskCodes.CliStartFailed, $"could not start '{location.FileName}': {ex.Message}");
            Hint("set DotnetHostPath (or DOTNET_HOST_PATH) to a dotnet host, or PipelineCliPath to an executable CLI");
            return false;
        }

        ExitCode = result.ExitCode;
        if (cancel.IsCancellationRequested)
        {
            return false;
        }

        if (result.TimedOut)
        {
            ForwardStandardError(result.StandardError, errorsAsErrors: false);
            Error(TaskCodes.CliTimedOut, $"the Pipeline CLI did not finish within {TimeoutSeconds} s and was stopped");
            Hint("raise TimeoutSeconds (PipelineTimeoutSeconds), or check what the CLI waits for (a network fetch, a lock)");
            return false;
        }

        var ok = Interpret(result) && !Log.HasLoggedErrors;
        if (ok)
        {
            engine?.RegisterTaskObject(key!, result, RegisteredTaskObjectLifetime.Build, allowEarlyCollection: false);
        }
        else
        {
            Hint(FailureHint);
        }

        return ok;
    }

    /// <summary>One more way out, said after the CLI's own diagnostic when the task fails (the serving build: PipelineSkip).</summary>
    private protected virtual string? FailureHint => null;

    /// <summary>The verb and its options, without <c>--json</c> (the frame adds it).</summary>
    private protected abstract CliCommand BuildCommand();

    /// <summary>Maps the document onto outputs; false (with an error logged) when it cannot.</summary>
    private protected abstract bool Map(JsonElement root, int exitCode);

    /// <summary>Exit codes other than 0 that still come with a meaningful document (a gate's "hold", failed findings).</summary>
    private protected virtual bool AcceptsExitCode(int exitCode) => exitCode == 0;

    private protected void Error(string code, string message, string? file = null, int line = 0) =>
        Log.LogError(subcategory: null, errorCode: code, helpKeyword: null, file: file, lineNumber: line,
            columnNumber: 0, endLineNumber: 0, endColumnNumber: 0, message: message);

    private protected void Warning(string code, string message, string? file = null, int line = 0) =>
        Log.LogWarning(subcategory: null, warningCode: code, helpKeyword: null, file: file, lineNumber: line,
            columnNumber: 0, endLineNumber: 0, endColumnNumber: 0, message: message);

    private protected void Hint(string? hint)
    {
        if (!string.IsNullOrEmpty(hint))
        {
            Log.LogMessage(MessageImportance.High, "  fix: {0}", hint);
        }
    }

    /// <summary>A field the task cannot do without; its absence is PIPE0906 (a CLI that answers another contract).</summary>
    private protected string? Require(string? value, string field)
    {
        if (string.IsNullOrEmpty(value))
        {
            Error(TaskCodes.CliOutputIncomplete, $"the Pipeline CLI's JSON has no '{field}'");
            Hint("use the CLI that came with this package (PipelineCliPath), or a package and CLI of the same version");
        }

        return value;
    }

    /// <summary>The document as the verb's result record; null (PIPE0906 logged) when it does not fit the record.</summary>
    private protected T? Read<T>(JsonElement root, JsonTypeInfo<T> type)
        where T : class
    {
        try
        {
            return CliContract.Read(root, type);
        }
        catch (JsonException ex)
        {
            Error(TaskCodes.CliOutputIncomplete, $"the Pipeline CLI's JSON does not fit this package's contract: {ex.Message}");
            Hint("use the CLI that came with this package (PipelineCliPath), or a package and CLI of the same version");
            return null;
        }
    }

    private bool Interpret(CliResult result)
    {
        JsonElement? root = null;
        try
        {
            if (!string.IsNullOrWhiteSpace(result.StandardOutput))
            {
                using var document = JsonDocument.Parse(result.StandardOutput);
                root = document.RootElement.Clone();
            }
        }
        catch (JsonException)
        {
            root = null;
        }

        if (root is not { ValueKind: JsonValueKind.Object } doc)
        {
            // No document: the CLI's canonical stderr lines are all we have.
            var logged = ForwardStandardError(result.StandardError, errorsAsErrors: true);
            if (result.ExitCode == 0)
            {
                Error(TaskCodes.CliOutputInvalid, $"the Pipeline CLI printed no JSON document: '{Excerpt(result.StandardOutput)}'");
                Hint("use the CLI that came with this package (PipelineCliPath); a CLI must print one JSON document with --json");
            }
            else if (logged == 0)
            {
                Error(
                    TaskCodes.CliFailed,
                    $"the Pipeline CLI exited with code {result.ExitCode} without a diagnostic: {Excerpt(result.StandardError)}");
                Hint("run the same command by hand (see the low-importance 'Pipeline:' message) and report the crash");
            }

            return false;
        }

        ForwardStandardError(result.StandardError, errorsAsErrors: false);
        if (doc.TryGetProperty("error", out _))
        {
            // Only the error document has "error", whatever the verb: {"ok": false, "error": {code, message, file, line, hint}}.
            if (Read(doc, CliJsonContext.Default.ErrorOutput) is { Error: { } error })
            {
                Error(error.Code, error.Message, error.File, error.Line ?? 0);
                Hint(error.Hint);
            }

            return false;
        }

        if (!AcceptsExitCode(result.ExitCode))
        {
            Error(TaskCodes.CliFailed, $"the Pipeline CLI exited with code {result.ExitCode}: {Excerpt(result.StandardError)}");
            return false;
        }

        return Map(doc, result.ExitCode);
    }

    /// <summary>
    /// Canonical warnings become MSBuild warnings with their code; errors become errors only when there is no JSON
    /// error document to take them from (else they would be reported twice); everything else is a low message.
    /// </summary>
    private int ForwardStandardError(string text, bool errorsAsErrors)
    {
        var errors = 0;
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (line.Length == 0)
            {
                continue;
            }

            var canonical = CanonicalLine.Parse(line);
            if (canonical is { Level: "warning" })
            {
                Warning(canonical.Code, canonical.Message, canonical.File, canonical.Line);
            }
            else if (canonical is { Level: "error" } && errorsAsErrors)
            {
                Error(canonical.Code, canonical.Message, canonical.File, canonical.Line);
                errors++;
            }
            else if (errorsAsErrors && line.StartsWith("  fix: ", StringComparison.Ordinal))
            {
                Log.LogMessage(MessageImportance.High, "{0}", line);
            }
            else
            {
                Log.LogMessage(MessageImportance.Low, "{0}", line);
            }
        }

        return errors;
    }

    private static string Excerpt(string text)
    {
        var trimmed = text.Trim();
        return trimmed.Length <= 300 ? trimmed : trimmed[..300] + "…";
    }

    private static string Quote(string argument) =>
        argument.Length > 0 && argument.All(c => char.IsAsciiLetterOrDigit(c) || "-_./:=@#".Contains(c))
            ? argument
            : "\"" + argument.Replace("\"", "\\\"") + "\"";
}
