using LibGit2Sharp;
using Pipeline.Core.Diagnostics;

namespace Pipeline.Git.Registry;

using Repository = LibGit2Sharp.Repository;

/// <summary>
/// Brings chosen paths of a checked-out branch's working tree and index to a commit's content, refusing when the
/// user has local changes there (a registry write must never clobber uncommitted work).
/// </summary>
internal static class WorkingTree
{
    public static void Sync(Repository repo, IReadOnlyList<string> paths, Commit? from, Commit to)
    {
        var root = repo.Info.WorkingDirectory!;
        var dirty = new List<string>();
        foreach (var path in paths)
        {
            var before = BlobId(from, path);
            var after = BlobId(to, path);
            var onDisk = GitBlobId.OfFile(Full(root, path));
            var staged = repo.Index[path]?.Id.Sha;
            // Allowed: untouched (matches the old commit) or already what we write (a re-run after a crash).
            var indexOk = staged == before || staged == after;
            // Raw bytes can differ from the blob while git sees no change (core.autocrlf checks text out with CRLF):
            // then ask git, through its filters, whether the file differs from an index entry that matches.
            var diskOk = onDisk == before || onDisk == after
                || (indexOk && staged is not null && onDisk is not null && UnchangedForGit(repo, path));
            if (!diskOk || !indexOk)
            {
                dirty.Add(path);
            }
        }

        if (dirty.Count > 0)
        {
            throw new PipelineException(PipeCodes.RegistryPathsDirty,
                "local changes would be overwritten: " + string.Join(", ", dirty.Take(20))
                + (dirty.Count > 20 ? $" (+{dirty.Count - 20} more)" : ""));
        }

        Write(repo, paths, to);
    }

    /// <summary>Puts paths back to <paramref name="to"/> (the winner after a lost swap), or removes them when it lacks them.</summary>
    public static void Restore(Repository repo, IReadOnlyList<string> paths, Commit? to) => Write(repo, paths, to);

    private static void Write(Repository repo, IReadOnlyList<string> paths, Commit? to)
    {
        var root = repo.Info.WorkingDirectory!;
        foreach (var path in paths)
        {
            var full = Full(root, path);
            if (to?[path]?.Target is Blob blob)
            {
                Directory.CreateDirectory(Path.GetDirectoryName(full)!);
                // A name no other writer uses; doctor reports any *.pipeline-tmp left by a killed writer.
                var temp = $"{full}.{Environment.ProcessId}-{Guid.NewGuid():N}.pipeline-tmp";
                using (var content = blob.GetContentStream())
                using (var file = File.Create(temp))
                {
                    content.CopyTo(file);
                }

                // Rename is atomic: a reader sees the old file or the whole new one, never a prefix.
                File.Move(temp, full, overwrite: true);
                repo.Index.Add(path);
            }
            else
            {
                if (File.Exists(full))
                {
                    File.Delete(full);
                }

                if (repo.Index[path] is not null)
                {
                    repo.Index.Remove(path);
                }
            }
        }

        repo.Index.Write();
    }

    private static bool UnchangedForGit(Repository repo, string path)
    {
        const FileStatus workdirChange = FileStatus.ModifiedInWorkdir | FileStatus.DeletedFromWorkdir | FileStatus.NewInWorkdir
            | FileStatus.TypeChangeInWorkdir | FileStatus.RenamedInWorkdir | FileStatus.Conflicted;
        return (repo.RetrieveStatus(path) & workdirChange) == 0;
    }

    private static string? BlobId(Commit? commit, string path) => commit?[path]?.Target is Blob b ? b.Sha : null;

    private static string Full(string root, string path) => Path.Combine(root, path.Replace('/', Path.DirectorySeparatorChar));
}
