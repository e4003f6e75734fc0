using System.Text.Json;
using System.Text.Json.Serialization;

namespace Pipeline.Cli.Output.Results;

/// <summary>
/// <c>pipeline show MODEL[@vX.Y.Z|#ALIAS] --json</c>: one version, the aliases on it and on the model, its artifact
/// and its record (null for a tag made by GTO or by hand). <c>tag</c> is the version tag.
/// </summary>
internal sealed record ShowOutput(
    string Model,
    string Version,
    string? Fingerprint,
    string? Commit,
    string? Tag,
    bool Deprecated,
    IReadOnlyList<string> Aliases,
    IReadOnlyDictionary<string, string> ModelAliases,
    ArtifactDocument? Artifact,
    JsonElement? Record);

/// <summary>A version's artifact: digests spelled out as null when unknown (a URI recorded as given).</summary>
internal sealed record ArtifactDocument(
    string Uri,
    string Kind,
    string? Sha256,
    long? Size,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<ArtifactFileDocument>? Manifest,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DvcArtifactDocument? Dvc);

internal sealed record ArtifactFileDocument(string Path, string Sha256, long Size);

/// <summary>A DVC-tracked artifact: the .dvc file, DVC's md5 and where `dvc pull` fetches it (as the record keeps it).</summary>
internal sealed record DvcArtifactDocument(
    string File,
    string Path,
    string Md5,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Hash,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Remote,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? RemoteUrl,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Object);
