using System.Text.Json;
using Microsoft.Build.Framework;
using Pipeline.Cli.Output.Results;
using Pipeline.Tasks.Cli;
using Pipeline.Tasks.Diagnostics;

namespace Pipeline.Tasks;

/// <summary>
/// The serving build's outputs from the resolution <see cref="PipelineResolveAlias"/> kept (obj/…/pipeline-serving.json),
/// whether the CLI ran in this build or an earlier one. Logs "Pipeline: MODEL#ALIAS is VERSION" once per build, however
/// many target frameworks or projects read the same answer.
/// </summary>
public sealed class PipelineReadResolution : Microsoft.Build.Utilities.Task
{
    [Required]
    public string ResolutionFile { get; set; } = "";

    [Required]
    public string Model { get; set; } = "";

    [Required]
    public string Alias { get; set; } = "";

    /// <summary>PipelineVerbosity=detailed: where the answer came from, at high importance.</summary>
    public bool Trace { get; set; }

    [Output]
    public string? Version { get; private set; }

    [Output]
    public string? Fingerprint { get; private set; }

    [Output]
    public string? ArtifactUri { get; private set; }

    [Output]
    public string? ArtifactSha256 { get; private set; }

    [Output]
    public string? Tag { get; private set; }

    public override bool Execute()
    {
        ResolveOutput? result;
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(ResolutionFile));
            result = CliContract.Read(document.RootElement, CliJsonContext.Default.ResolveOutput);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or JsonException)
        {
            Log.LogError(subcategory: null, errorCode: TaskCodes.CliOutputIncomplete, helpKeyword: null, file: ResolutionFile,
                lineNumber: 0, columnNumber: 0, endLineNumber: 0, endColumnNumber: 0,
                message: $"the kept resolution of {Model}#{Alias} cannot be read ({ex.Message}); delete it (or obj/) and build again");
            return false;
        }

        (Version, Fingerprint, ArtifactUri, ArtifactSha256, Tag) =
            (result.Version, result.Fingerprint, result.Artifact?.Uri, result.Artifact?.Sha256, result.Tag);
        Log.LogMessage(Trace ? MessageImportance.High : MessageImportance.Low, "Pipeline: outputs: {0} (written {1:u})",
            ResolutionFile, File.GetLastWriteTimeUtc(ResolutionFile));

        // Once per build and answer: every inner build of a multi-targeted project, and every project serving the same
        // alias from the same repository, reads the same file contents.
        var key = "Pipeline.Tasks.Logged\n" + Model + "#" + Alias + "\n" + Version + "\n" + Fingerprint + "\n" + result.Commit;
        var engine = BuildEngine as IBuildEngine4;
        if (engine?.GetRegisteredTaskObject(key, RegisteredTaskObjectLifetime.Build) is null)
        {
            engine?.RegisterTaskObject(key, key, RegisteredTaskObjectLifetime.Build, allowEarlyCollection: false);
            Log.LogMessage(
                MessageImportance.High,
                "Pipeline: {0}#{1} is {2} (fingerprint {3})",
                Model,
                Alias,
                Version,
                Fingerprint ?? "none recorded");
        }

        return true;
    }
}
