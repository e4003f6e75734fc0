using System.Text.Json;
using Microsoft.Build.Framework;
using Pipeline.Cli.Output.Results;
using Pipeline.Tasks.Cli;
using Pipeline.Tasks.Diagnostics;

namespace Pipeline.Tasks;

/// <summary>
/// <c>pipeline resolve MODEL#ALIAS --json</c>, read as <see cref="ResolveOutput"/>: which version an alias points at now,
/// its fingerprint, artifact and version tag (<c>MODEL@VERSION</c>). One path per field; only <c>version</c> is required.
/// With <see cref="ResolutionFile"/> the document is also kept there, for <see cref="PipelineReadResolution"/> in the
/// builds that skip the CLI.
/// </summary>
public sealed class PipelineResolveAlias : PipelineCliTask
{
    [Required]
    public string Model { get; set; } = "";

    [Required]
    public string Alias { get; set; } = "";

    public string? Repo { get; set; }

    /// <summary>Where the resolution is kept for later builds (written only on success).</summary>
    public string? ResolutionFile { get; set; }

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

    private protected override string FailureHint =>
        "to build without the registry (no clone at hand, an offline machine), set PipelineSkip=true: dotnet build -p:PipelineSkip=true";

    private protected override CliCommand BuildCommand()
    {
        if (string.IsNullOrEmpty(Alias) || Alias.Contains('#'))
        {
            throw new TaskInputException($"Alias '{Alias}' is not an alias name");
        }

        return new CliCommand().Add("resolve").Positional("Model#Alias", Model + "#" + Alias).Option("--repo", Repo);
    }

    private protected override bool Map(JsonElement root, int exitCode)
    {
        if (Read(root, CliJsonContext.Default.ResolveOutput) is not { } result)
        {
            return false;
        }

        (Version, Fingerprint, ArtifactUri, ArtifactSha256, Tag) =
            (Require(result.Version, "version"), result.Fingerprint, result.Artifact?.Uri, result.Artifact?.Sha256, result.Tag);
        if (Version is null)
        {
            return false;
        }

        if (!string.IsNullOrEmpty(ResolutionFile))
        {
            try
            {
                Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(ResolutionFile))!);
                var temporary = ResolutionFile + "." + Guid.NewGuid().ToString("N")[..8] + ".tmp";
                File.WriteAllText(temporary, JsonSerializer.Serialize(result, CliJsonContext.Default.ResolveOutput));
                File.Move(temporary, ResolutionFile, overwrite: true);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                Error(TaskCodes.GeneratedFileFailed, $"could not keep the resolution: {ex.Message}", ResolutionFile);
                return false;
            }
        }

        return true;
    }
}
