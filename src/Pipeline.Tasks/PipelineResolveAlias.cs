using System.Text.Json;
using Microsoft.Build.Framework;
using Pipeline.Tasks.Cli;

namespace Pipeline.Tasks;

/// <summary>
/// <c>pipeline show MODEL#ALIAS --json</c>: which version an alias points at now. Expects <c>version</c> (required),
/// <c>fingerprint</c>, <c>artifact</c> (<c>{"uri", "sha256"}</c> or a string) and a tag name (<c>tag</c> or
/// <c>alias_tag</c>; else the version tag <c>MODEL@VERSION</c> is reported).
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
        Version = Require(root, "version");
        Fingerprint = Json.Text(root, ["fingerprint"], ["lineage", "fingerprint"]);
        ArtifactUri = Json.Get(root, "artifact") is { ValueKind: JsonValueKind.String } s ? s.GetString()
            : Json.Text(root, ["artifact", "uri"], ["artifact_uri"]);
        ArtifactSha256 = Json.Text(root, ["artifact", "sha256"], ["artifact_sha256"]);
        Tag = Json.Text(root, ["tag"], ["alias_tag"], ["alias", "tag"])
            ?? (Version is null ? null : $"{Model}@{Version}");
        if (Version is not null)
        {
            Log.LogMessage(MessageImportance.Normal, "Pipeline: {0}#{1} is {2} (fingerprint {3})", Model, Alias, Version, Fingerprint ?? "?");
        }

        return Version is not null;
    }
}
