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
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<ArtifactFileDocument>? Manifest);

internal sealed record ArtifactFileDocument(string Path, string Sha256, long Size);
