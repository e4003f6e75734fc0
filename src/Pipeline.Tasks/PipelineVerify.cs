using System.Text.Json;
using Microsoft.Build.Framework;
using Pipeline.Cli.Output.Results;
using Pipeline.Tasks.Cli;
using Pipeline.Tasks.Diagnostics;

namespace Pipeline.Tasks;

/// <summary>
/// <c>pipeline verify [--base REF] [--head REF] [--all] --json</c>, or <c>pipeline verify --version MODEL@vX.Y.Z
/// [--head REF] --json</c> for <see cref="VersionOf"/>. Read as <see cref="VerifyOutput"/>; exit 1 with
/// <c>ok: false</c> is an answer. Each finding is logged with its own code, file and line: as an error,
/// a warning (severity warning, or <see cref="FailOnFindings"/> false) or a message (severity notice).
/// <see cref="VersionOf"/> makes the CLI recompute that one record only (no base, no other records: a serving build
/// is not failed by a broken record of another version); the verdict is still read from that version's entry.
/// </summary>
public sealed class PipelineVerify : PipelineCliTask
{
    public string? Base { get; set; }

    public string? Head { get; set; }

    public bool All { get; set; }

    /// <summary>Verify one registered version only (<c>MODEL@vX.Y.Z</c>).</summary>
    public string? VersionOf { get; set; }

    public string? Repo { get; set; }

    public bool FailOnFindings { get; set; } = true;

    [Output]
    public bool Ok { get; private set; }

    /// <summary>One item per finding (item spec = code) with File, Line, Code, Message, Hint metadata.</summary>
    [Output]
    public ITaskItem[] Findings { get; private set; } = [];

    private protected override CliCommand BuildCommand()
    {
        if (string.IsNullOrEmpty(VersionOf))
        {
            return new CliCommand().Add("verify").Option("--repo", Repo).Option("--base", Base).Option("--head", Head).Flag("--all", All);
        }

        if (VersionOf[0] is '-' or '@' || VersionOf.LastIndexOf('@') is var at && (at <= 0 || at == VersionOf.Length - 1))
        {
            throw new TaskInputException($"VersionOf '{VersionOf}' is not MODEL@VERSION");
        }

        if (!string.IsNullOrEmpty(Base) || All)
        {
            throw new TaskInputException(
                "VersionOf verifies that one version's record; it takes no Base or All (PipelineVerifyBase, PipelineVerifyAll)");
        }

        return new CliCommand().Add("verify").Option("--repo", Repo).Option("--head", Head).Option("--version", Spec(VersionOf));
    }

    /// <summary><c>MODEL@1.4.0</c> is accepted as <c>MODEL@v1.4.0</c>, the form version records are named by.</summary>
    private static string Spec(string versionOf)
    {
        var at = versionOf.LastIndexOf('@');
        return versionOf[at + 1] is 'v' ? versionOf : $"{versionOf[..at]}@v{versionOf[(at + 1)..]}";
    }

    private protected override bool AcceptsExitCode(int exitCode) => exitCode is 0 or 1;

    private protected override bool Map(JsonElement root, int exitCode)
    {
        if (Read(root, CliJsonContext.Default.VerifyOutput) is not { } result)
        {
            return false;
        }

        Findings = TaskItems.Of(result.Findings, f => f.Code, f =>
        [
            ("Path", f.Path), ("File", f.Path), ("Line", f.Line is int n ? TaskItems.Text(n) : null), ("Code", f.Code),
            ("Severity", f.Severity), ("Message", f.Message), ("Hint", f.Hint),
        ]);
        Ok = result.Ok;
        if (!string.IsNullOrEmpty(VersionOf) && !NarrowToVersion(result))
        {
            return false;
        }

        var errors = 0;
        foreach (var finding in Findings)
        {
            var file = UnderRepo(finding.GetMetadata("File"));
            var line = int.TryParse(finding.GetMetadata("Line"), out var n) ? n : 0;
            var code = finding.GetMetadata("Code") is { Length: > 0 } c ? c : TaskCodes.NotReproducible;
            var message = finding.GetMetadata("Message") is { Length: > 0 } m ? m : "finding without a message";
            var severity = finding.GetMetadata("Severity").ToLowerInvariant();
            if (severity is "notice" or "info")
            {
                Log.LogMessage(MessageImportance.High, "{0}: {1}: {2}", file.Length > 0 ? file : "verify", code, message);
            }
            else if (severity == "warning" || !FailOnFindings)
            {
                Warning(code, message, file.Length > 0 ? file : null, line);
            }
            else
            {
                Error(code, message, file.Length > 0 ? file : null, line);
                errors++;
            }

            Hint(finding.GetMetadata("Hint"));
        }

        if (!Ok && FailOnFindings && errors == 0)
        {
            Error(TaskCodes.NotReproducible, VersionOf is { Length: > 0 }
                ? $"{VersionOf} did not verify (the CLI named no finding)"
                : "the registry did not verify (the CLI named no finding)");
        }

        if (Ok && errors == 0)
        {
            Log.LogMessage(MessageImportance.High, "Pipeline: verified{0}", VersionOf is { Length: > 0 } ? " " + VersionOf : "");
        }

        return Ok || !FailOnFindings;
    }

    /// <summary>Keeps the verdict and findings of <see cref="VersionOf"/>'s record; false (logged) when it has none.</summary>
    private bool NarrowToVersion(VerifyOutput result)
    {
        var at = VersionOf!.LastIndexOf('@');
        var model = at > 0 ? VersionOf[..at] : VersionOf;
        var version = at > 0 ? VersionOf[(at + 1)..] : "";
        var entry = (result.Versions ?? []).FirstOrDefault(v => v.Model == model && v.Version.TrimStart('v') == version.TrimStart('v'));
        if (entry is null)
        {
            Error(TaskCodes.NotReproducible, $"{VersionOf} has no version record in the registry that verify read");
            Hint("check PipelineRepo points at the registry repository and that the version's record and tags are fetched");
            Ok = false;
            return false;
        }

        var path = entry.Path;
        Ok = entry.Ok;
        Findings = Findings.Where(f => f.GetMetadata("File").Length == 0 || SamePath(f.GetMetadata("File"), path)).ToArray();
        return true;
    }

    // The CLI names files relative to the repository; MSBuild and IDEs resolve a relative file against the project,
    // which is not the repository when PipelineRepo points elsewhere (a serving app below the repository root).
    private string UnderRepo(string file) =>
        file.Length > 0 && !string.IsNullOrEmpty(Repo) && !Path.IsPathRooted(file) ? Path.Combine(Repo, file) : file;

    private static bool SamePath(string a, string b) =>
        a.Replace('\\', '/').TrimStart('.', '/') == b.Replace('\\', '/').TrimStart('.', '/');
}
