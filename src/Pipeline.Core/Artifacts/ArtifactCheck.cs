using Pipeline.Core.Diagnostics;

namespace Pipeline.Core.Artifacts;

/// <summary>How a downloaded file of an artifact departs from the record.</summary>
public enum ArtifactDifference
{
    Differs,
    Missing,
    Extra,
}

/// <summary>The first departure, in path order: which file, how, and what was expected.</summary>
public sealed record ArtifactMismatch(string Path, ArtifactDifference Difference, string Detail);

/// <summary>
/// Re-hashes downloaded bytes against a recorded <see cref="Artifact"/>. A folder is walked in the manifest's path
/// order and compared file by file, sizes before hashes, stopping at the first file that differs, is missing or is
/// extra, so a wrong 20 GB shard is named without hashing the rest. The folder's own <c>pipeline-manifest.json</c> is
/// not content (<see cref="ArtifactManifestFile"/>).
/// </summary>
public static class ArtifactCheck
{
    /// <returns>null when the bytes are the recorded ones.</returns>
    public static ArtifactMismatch? Compare(Artifact recorded, string localPath)
    {
        if (recorded.Sha256 is null)
        {
            throw new PipelineException(PipeCodes.ArtifactNotVerifiable, $"the record of '{recorded.Uri}' has no digest to verify against");
        }

        if (recorded.Manifest is { } manifest)
        {
            if (!Directory.Exists(localPath))
            {
                return new ArtifactMismatch(localPath, ArtifactDifference.Missing,
                    File.Exists(localPath) ? "the record is a folder; this is a file" : "no such folder");
            }

            return CompareFolder(manifest, localPath);
        }

        if (!File.Exists(localPath))
        {
            return new ArtifactMismatch(localPath, ArtifactDifference.Missing,
                Directory.Exists(localPath) ? "the record is a file; this is a folder" : "no such file");
        }

        var (sha, size) = ArtifactDigest.HashFile(localPath);
        return sha == recorded.Sha256 ? null
            : new ArtifactMismatch(
                Path.GetFileName(localPath),
                ArtifactDifference.Differs,
                $"sha256 {sha} ({size} bytes), the record says {recorded.Sha256}");
    }

    private static ArtifactMismatch? CompareFolder(IReadOnlyList<ManifestEntry> manifest, string folder)
    {
        var actual = Directory.EnumerateFiles(folder, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 })
            .Select(f => (Path: Path.GetRelativePath(folder, f).Replace('\\', '/'), Full: f))
            .Where(f => f.Path != ArtifactManifestFile.FileName)
            .OrderBy(f => f.Path, StringComparer.Ordinal)
            .ToArray();
        int i = 0, j = 0;
        while (i < manifest.Count || j < actual.Length)
        {
            var order = i == manifest.Count ? 1 : j == actual.Length ? -1 : string.CompareOrdinal(manifest[i].Path, actual[j].Path);
            if (order < 0)
            {
                return new ArtifactMismatch(manifest[i].Path, ArtifactDifference.Missing, $"recorded ({manifest[i].Size} bytes), not downloaded");
            }

            if (order > 0)
            {
                return new ArtifactMismatch(actual[j].Path, ArtifactDifference.Extra, "not in the record's manifest");
            }

            var expected = manifest[i];
            var size = new FileInfo(actual[j].Full).Length;
            if (size != expected.Size)
            {
                return new ArtifactMismatch(expected.Path, ArtifactDifference.Differs, $"{size} bytes, the record says {expected.Size}");
            }

            var (sha, _) = ArtifactDigest.HashFile(actual[j].Full);
            if (sha != expected.Sha256)
            {
                return new ArtifactMismatch(expected.Path, ArtifactDifference.Differs, $"sha256 {sha}, the record says {expected.Sha256}");
            }

            i++;
            j++;
        }

        return null;
    }
}
