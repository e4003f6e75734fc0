namespace Pipeline.Core.Artifacts;

/// <summary>
/// What a run or a version points at: a checkpoint file, an adapter folder, or a remote URI. Local files and
/// folders carry a sha256 and size (folders: the digest of their sorted per-file manifest), so verification can
/// later prove the bytes are the ones that were registered. Remote URIs are recorded as given, digest-less.
/// </summary>
public sealed record Artifact(string Uri, string? Sha256, long? Size, IReadOnlyList<ManifestEntry>? Manifest)
{
    public string Kind => Manifest is not null ? "folder" : Sha256 is not null ? "file" : "uri";
}

/// <summary>One file of a folder artifact: repo-style relative path with '/' separators.</summary>
public sealed record ManifestEntry(string Path, string Sha256, long Size);
