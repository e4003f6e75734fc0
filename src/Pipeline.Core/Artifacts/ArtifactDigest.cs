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
    private static readonly string[] RemoteSchemes = [
        "s3://", "gs://", "gcs://", "az://", "abfs://", "hdfs://", "http://", "https://", "hf://", "dvc://", "file://", "ssh://", "oss://"];

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
        if (Inputs.FileKinds.Of(full) == Inputs.FileKind.Special)
        {
            throw new PipelineException(
                PipeCodes.InputNotRegular,
                $"artifact '{reference}' is not a regular file or folder (a FIFO, socket or device); refusing to read it",
                reference);
        }

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

    /// <summary>
    /// Every file under <paramref name="folder"/>, sorted by path (ordinal). Refused before anything is read (PIPE0034,
    /// exit 2): a FIFO, socket or device (reading it blocks or never ends), a link to a folder or a link that does not
    /// resolve (loops, dangling), and a name with a control character or an undecodable byte — the manifest is one line
    /// per file, so a name holding a line break could forge another folder's manifest and digest. With those refused,
    /// <c>sha256 SP size SP path LF</c> lines read back one way only: the digest is injective.
    /// </summary>
    public static IReadOnlyList<ManifestEntry> Manifest(string folder)
    {
        var entries = new List<ManifestEntry>();
        var options = new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0, IgnoreInaccessible = false };
        foreach (var entry in new DirectoryInfo(folder).EnumerateFileSystemInfos("*", options))
        {
            var relative = Path.GetRelativePath(folder, entry.FullName).Replace('\\', '/');
            if (entry is DirectoryInfo && entry.LinkTarget is null)
            {
                continue;
            }

            if (relative == ArtifactManifestFile.FileName)
            {
                continue; // the manifest describes the folder; it is not part of it (it travels beside the weights)
            }

            CheckName(relative);
            var file = Target(entry, relative);
            var (sha, size) = HashFile(file);
            entries.Add(new ManifestEntry(relative, sha, size));
        }

        entries.Sort((a, b) => string.CompareOrdinal(a.Path, b.Path));
        return entries;
    }

    /// <summary>Refuses a manifest path that could not be written as exactly one unambiguous line.</summary>
    public static void CheckName(string relative)
    {
        for (var i = 0; i < relative.Length; i++)
        {
            var c = relative[i];
            if (char.IsHighSurrogate(c) && i + 1 < relative.Length && char.IsLowSurrogate(relative[i + 1]))
            {
                i++;
                continue;
            }

            if (c < 0x20 || c == 0x7f || c == '\uFFFD' || char.IsSurrogate(c))
            {
                throw new PipelineException(PipeCodes.ArtifactEntryRefused,
                    $"artifact entry {Pipeline.Core.Text.TerminalText.Line(relative, false)} has a control character or an undecodable byte in its " +
                    "name",
                    relative);
            }
        }
    }

    private static string Target(FileSystemInfo entry, string relative)
    {
        if (entry.LinkTarget is not null)
        {
            FileSystemInfo? final;
            try
            {
                final = entry.ResolveLinkTarget(returnFinalTarget: true);
            }
            catch (IOException ex)
            {
                throw new PipelineException(
                    PipeCodes.ArtifactEntryRefused,
                    $"artifact entry '{relative}' is a link that does not resolve ({ex.Message})",
                    relative);
            }

            if (final is null || !final.Exists || final is DirectoryInfo || Inputs.FileKinds.Of(final.FullName) != Inputs.FileKind.Regular)
            {
                throw new PipelineException(
                    PipeCodes.ArtifactEntryRefused,
                    $"artifact entry '{relative}' is a link to '{entry.LinkTarget}', which is not a regular file",
                    relative);
            }

            return final.FullName;
        }

        if (Inputs.FileKinds.Of(entry.FullName) != Inputs.FileKind.Regular)
        {
            throw new PipelineException(
                PipeCodes.ArtifactEntryRefused,
                $"artifact entry '{relative}' is not a regular file (a FIFO, socket or device)",
                relative);
        }

        return entry.FullName;
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
