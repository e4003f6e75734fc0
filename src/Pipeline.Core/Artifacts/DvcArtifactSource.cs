using System.Security.Cryptography;
using Pipeline.Core.Diagnostics;
using Pipeline.Core.Dvc;

namespace Pipeline.Core.Artifacts;

/// <summary>
/// <c>register --artifact-dvc PATH</c>: a DVC-tracked output becomes an artifact that carries both digests — DVC's
/// md5 (so <c>dvc pull PATH</c> / <c>dvc get REPO PATH --rev COMMIT</c> and the DVC cache fetch exactly it, and the
/// object's URL in the default remote) and Pipeline's sha256 or manifest of the workspace copy (so <c>artifact
/// verify</c> names the first file that differs). The workspace copy must be present: it is what gets hashed, and a
/// file whose md5 is not DVC's (a stale checkout) is refused.
/// </summary>
public static class DvcArtifactSource
{
    public static Artifact Describe(string repoRelativePath, string repositoryRoot)
    {
        var (entry, trackedBy) = Find(repoRelativePath, repositoryRoot)
            ?? throw new PipelineException(PipeCodes.DvcOutputNotFound,
                $"'{repoRelativePath}' is not an output in dvc.lock or in {repoRelativePath}.dvc");
        var md5 = entry.Hashes.FirstOrDefault(h => h.Key == "md5").Value
            ?? throw new PipelineException(PipeCodes.DvcOutputNotFound,
                $"'{repoRelativePath}' in {trackedBy} has no md5 ({entry.Describe()}); only DVC's md5 outputs can be fetched by hash",
                trackedBy,
                entry.Line);
        var hashName = entry.Hashes.FirstOrDefault(h => h.Key == "hash").Value;
        var full = Path.Combine(repositoryRoot, repoRelativePath);
        if (!File.Exists(full) && !Directory.Exists(full))
        {
            throw new PipelineException(PipeCodes.DvcOutputNotFound,
                $"'{repoRelativePath}' is tracked by {trackedBy} but not in the workspace",
                hint: $"Run `dvc pull {repoRelativePath}` (or `dvc repro`) first: Pipeline hashes the bytes too, so `pipeline artifact verify` can " +
                    "name a file that differs.");
        }

        var local = ArtifactDigest.Describe(repoRelativePath, repositoryRoot);
        var isFolder = md5.EndsWith(".dir", StringComparison.Ordinal);
        if (isFolder != local.IsFolder)
        {
            throw new PipelineException(PipeCodes.ArtifactDigestMismatch,
                $"{trackedBy} records '{repoRelativePath}' as a {(isFolder ? "folder" : "file")}, the workspace has a " +
                $"{(local.IsFolder ? "folder" : "file")}",
                hint: $"Run `dvc checkout {repoRelativePath}` so the workspace holds what DVC recorded.");
        }

        // DVC 3 ("hash: md5") hashes a file's bytes as they are; DVC 2's legacy md5 normalises line endings of text
        // files, so only the DVC 3 form can be checked here. Folders are checked file by file by artifact verify.
        if (!isFolder && hashName == "md5" && Md5(full) is var actual && actual != md5.ToLowerInvariant())
        {
            throw new PipelineException(PipeCodes.ArtifactDigestMismatch,
                $"'{repoRelativePath}' in the workspace has md5 {actual}, {trackedBy} records {md5}",
                hint: $"Run `dvc checkout {repoRelativePath}` (or `dvc pull`) so the workspace holds what DVC recorded.");
        }

        var (remote, url) = DvcRemoteConfig.Default(repositoryRoot);
        return local with
        {
            Dvc = new DvcArtifact(trackedBy, repoRelativePath, md5, hashName, remote, url, url is null ? null : ObjectUrl(url, md5, hashName)),
        };
    }

    /// <summary>Where DVC keeps the object in a remote: DVC 3 under files/md5/, DVC 2 (legacy md5) at the top.</summary>
    public static string ObjectUrl(string remoteUrl, string md5, string? hashName)
    {
        var root = remoteUrl.TrimEnd('/');
        var prefix = hashName == "md5" ? "/files/md5/" : "/";
        return $"{root}{prefix}{md5[..2]}/{md5[2..]}";
    }

    private static (DvcEntry Entry, string File)? Find(string path, string root)
    {
        var dvcFile = path + ".dvc";
        if (File.Exists(Path.Combine(root, dvcFile)))
        {
            var parsed = DvcFile.Parse(File.ReadAllBytes(Path.Combine(root, dvcFile)), dvcFile);
            if (parsed.Outs.FirstOrDefault(o => o.Path == path) is { } o)
            {
                return (o, dvcFile);
            }
        }

        // dvc.lock files from the output's folder up to the root: a stage's outs are relative to its lock's folder.
        var folder = DvcPath.FolderOf(path);
        while (true)
        {
            var lockPath = folder.Length == 0 ? "dvc.lock" : folder + "/dvc.lock";
            if (File.Exists(Path.Combine(root, lockPath)))
            {
                var parsed = DvcLock.Parse(File.ReadAllBytes(Path.Combine(root, lockPath)), lockPath);
                if (parsed.Stages.SelectMany(s => s.Outs).FirstOrDefault(o => o.Path == path) is { } o)
                {
                    return (o, lockPath);
                }
            }

            if (folder.Length == 0)
            {
                return null;
            }

            folder = DvcPath.FolderOf(folder);
        }
    }

    private static string Md5(string file)
    {
        using var stream = File.OpenRead(file);
        return Convert.ToHexStringLower(MD5.HashData(stream));
    }
}
