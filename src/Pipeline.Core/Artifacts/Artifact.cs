namespace Pipeline.Core.Artifacts;

/// <summary>
/// What a run or a version points at: a checkpoint file, an adapter folder, a remote URI or a DVC output. Files carry a
/// sha256 and size, folders the digest of their per-file manifest (<see cref="ArtifactDigest"/>), so verification can
/// later prove the bytes are the ones that were registered. A remote URI carries the digest its uploader gave
/// (<c>--artifact-sha256</c>, <c>--artifact-manifest</c>); a DVC output also carries what DVC needs to fetch it.
/// </summary>
public sealed record Artifact(string Uri, string? Sha256, long? Size, IReadOnlyList<ManifestEntry>? Manifest)
{
    /// <summary>DVC's own identity of the output (hash and remote object), when registered with --artifact-dvc.</summary>
    public DvcArtifact? Dvc { get; init; }

    public string Kind => Dvc is not null ? "dvc" : Manifest is not null ? "folder" : Sha256 is not null ? "file" : "uri";

    /// <summary>True when the recorded bytes form a folder (a manifest lists its files).</summary>
    public bool IsFolder => Manifest is not null;
}

/// <summary>One file of a folder artifact: repo-style relative path with '/' separators.</summary>
public sealed record ManifestEntry(string Path, string Sha256, long Size);

/// <summary>
/// A DVC-tracked output as DVC identifies it: the file that tracks it (<c>dvc.lock</c> or <c>x.dvc</c>), the hash
/// (<c>md5</c>, with <c>.dir</c> for a folder) and, when a remote is configured, where the object sits in it, so
/// <c>dvc pull PATH</c> / <c>dvc get REPO PATH --rev COMMIT</c> fetch exactly these bytes.
/// </summary>
public sealed record DvcArtifact(string File, string Path, string Md5, string? HashName, string? Remote, string? RemoteUrl, string? Object);
