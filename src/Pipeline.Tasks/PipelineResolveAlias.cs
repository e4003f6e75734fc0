using System.Text.Json;
using Microsoft.Build.Framework;
using Pipeline.Cli.Output.Results;
using Pipeline.Tasks.Cli;

namespace Pipeline.Tasks;

/// <summary>
/// <c>pipeline show MODEL#ALIAS --json</c>, read as <see cref="ShowOutput"/>: which version an alias points at now,
/// its fingerprint, artifact and version tag (<c>MODEL@VERSION</c>). Only <c>version</c> is required.
/// </summary>
public sealed class PipelineResolveAlias : PipelineCliTask
{
    [Required]
    public string Model { get; set; } = "";

    [Required]
    public string Alias { get; set; } = "";

    public string? Repo { get; set; }

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

    private protected override CliCommand BuildCommand()
    {
        if (string.IsNullOrEmpty(Alias) || Alias.Contains('#'))
        {
            throw new TaskInputException($"Alias '{Alias}' is not an alias name");
        }

        return new CliCommand().Add("show").Positional("Model#Alias", Model + "#" + Alias).Option("--repo", Repo);
    }

    private protected override bool Map(JsonElement root, int exitCode)
    {
        if (Read(root, CliJsonContext.Default.ShowOutput) is not { } result)
        {
            return false;
        }

        Version = Require(result.Version, "version");
        Fingerprint = result.Fingerprint;
        ArtifactUri = result.Artifact?.Uri;
        ArtifactSha256 = result.Artifact?.Sha256;
        Tag = result.Tag;
        if (Version is not null)
        {
            Log.LogMessage(MessageImportance.Normal, "Pipeline: {0}#{1} is {2} (fingerprint {3})", Model, Alias, Version, Fingerprint ?? "?");
        }

        return Version is not null;
    }
}
