using System.Security.Cryptography;
using System.Text;
using Pipeline.Core.Diagnostics;

namespace Pipeline.Core.Artifacts;

/// <summary>
/// Hashes artifacts the way W&amp;B does for folders: every file streamed through sha256, a manifest sorted by path,
/// and the folder's digest is the sha256 of the manifest text (one line per file: <c>sha256 size path\n</c>).
/// Streaming keeps memory flat for multi-gigabyte checkpoints.
/// </summary>
public static class ArtifactDigest
{
    private static readonly string[] RemoteSchemes = ["s3://", "gs://", "gcs://", "az://", "abfs://", "hdfs://", "http://", "https://", "hf://", "dvc://", "file://", "ssh://", "oss://"];

    /// <summary>True when the reference is a URI to record as given rather than a local path to hash.</summary>
    public static bool IsRemote(string reference) =>
        RemoteSchemes.Any(s => reference.StartsWith(s, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// Describes <paramref name="reference"/>: hashes it when it is a local file or folder (relative to
    /// <paramref name="baseDirectory"/>), records it verbatim when it is a remote URI.
    /// </summary>
    public static Artifact Describe(string reference, string baseDirectory)
    {
        if (IsRemote(reference))
        {
            return new Artifact(reference, null, null, null);
        }

        var full = Path.GetFullPath(reference, baseDirectory);
        if (File.Exists(full))
        {
            var (sha, size) = HashFile(full);
            return new Artifact(reference, sha, size, null);
        }

        if (Directory.Exists(full))
        {
            var manifest = Manifest(full);
            return new Artifact(reference, ManifestDigest(manifest), manifest.Sum(e => e.Size), manifest);
        }

        throw new PipelineException(PipeCodes.FileNotFound,
            $"artifact '{reference}' is neither a local file or folder nor a URI (s3://, gs://, https://, …)",
            reference, null,
            "Pass an existing checkpoint file or folder, or a URI that is recorded as given.");
    }

    public static (string Sha256, long Size) HashFile(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20, FileOptions.SequentialScan);
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[1 << 20];
        long size = 0;
        int read;
        while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
        {
            sha.AppendData(buffer, 0, read);
            size += read;
        }

        return (Convert.ToHexStringLower(sha.GetHashAndReset()), size);
    }

    public static IReadOnlyList<ManifestEntry> Manifest(string folder)
    {
        var entries = new List<ManifestEntry>();
        foreach (var file in Directory.EnumerateFiles(folder, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 }))
        {
            var relative = Path.GetRelativePath(folder, file).Replace('\\', '/');
            if (relative == ArtifactManifestFile.FileName)
            {
                continue; // the manifest describes the folder; it is not part of it (it travels beside the weights)
            }

            var (sha, size) = HashFile(file);
            entries.Add(new ManifestEntry(relative, sha, size));
        }

        entries.Sort((a, b) => string.CompareOrdinal(a.Path, b.Path));
        return entries;
    }

    public static string ManifestText(IEnumerable<ManifestEntry> manifest)
    {
        var sb = new StringBuilder();
        foreach (var e in manifest)
        {
            sb.Append(e.Sha256).Append(' ').Append(e.Size).Append(' ').Append(e.Path).Append('\n');
        }

        return sb.ToString();
    }

    public static string ManifestDigest(IEnumerable<ManifestEntry> manifest) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(ManifestText(manifest))));
}
