using System.Globalization;
using LibGit2Sharp;

namespace Pipeline.Git.Registry;

using Repository = LibGit2Sharp.Repository;

/// <summary>
/// The journal of one working-tree write in flight: <c>&lt;git dir&gt;/pipeline/pending-write</c> names the commit being
/// written, the branch value it expects and the paths it touches, and lives from just before the working tree is
/// touched until the branch swap is decided. A writer killed in between (kill -9, power loss, a held index.lock) leaves
/// it behind; the next writer, under the same lock, <see cref="Recover"/>s: when the branch reached the commit the write
/// is finished (only the journal goes), otherwise it is discarded — each touched path that still holds exactly our
/// unfinished content goes back to the branch's content. A path someone edited since is left alone. Nothing was
/// reported as done for a discarded write: its command never printed success.
/// </summary>
internal sealed class PendingWrite
{
    private readonly string _file;

    private PendingWrite(string file) => _file = file;

    /// <summary>What a journal says (doctor shows it).</summary>
    internal sealed record Entry(string File, string Commit, string? Expected, string Ref, IReadOnlyList<string> Paths, DateTime WrittenUtc);

    public static string PathIn(Repository repo) => Path.Combine(repo.Info.Path, "pipeline", "pending-write");

    public static PendingWrite Begin(Repository repo, string commit, string? expected, IReadOnlyList<string> paths)
    {
        var file = PathIn(repo);
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        var head = repo.Refs.Head is SymbolicReference s ? s.TargetIdentifier : "HEAD";
        var temp = $"{file}.{Environment.ProcessId.ToString(CultureInfo.InvariantCulture)}.tmp";
        File.WriteAllLines(temp, [commit, expected ?? "-", head, .. paths]);
        File.Move(temp, file, overwrite: true);
        return new PendingWrite(file);
    }

    public void End()
    {
        if (File.Exists(_file))
        {
            File.Delete(_file);
        }
    }

    public static Entry? Read(Repository repo)
    {
        var file = PathIn(repo);
        if (!File.Exists(file))
        {
            return null;
        }

        var lines = File.ReadAllLines(file);
        if (lines.Length < 3)
        {
            return new Entry(file, "", null, "", [], File.GetLastWriteTimeUtc(file));
        }

        return new Entry(file, lines[0], lines[1] == "-" ? null : lines[1], lines[2], lines[3..], File.GetLastWriteTimeUtc(file));
    }

    /// <summary>Finishes or discards a write a killed writer left behind. Call only under <see cref="WriteLock"/>.</summary>
    public static void Recover(Repository repo)
    {
        if (Read(repo) is not { } entry)
        {
            return;
        }

        if (entry.Commit.Length == 0 || repo.Lookup<Commit>(entry.Commit) is not { } ours)
        {
            File.Delete(entry.File);
            return;
        }

        IndexLock.RemoveIfOurs(repo, entry.WrittenUtc);
        var tip = repo.Refs[entry.Ref]?.ResolveToDirectReference()?.Target as Commit;
        var checkedOut = repo.Refs.Head is SymbolicReference head && head.TargetIdentifier == entry.Ref;
        if (tip?.Sha != entry.Commit && checkedOut && !repo.Info.IsBare)
        {
            var root = repo.Info.WorkingDirectory!;
            var ourContent = entry.Paths.Where(p =>
            {
                var mine = ours[p]?.Target is Blob b ? b.Sha : null;
                var onDisk = GitBlobId.OfFile(Path.Combine(root, p.Replace('/', Path.DirectorySeparatorChar)));
                var staged = repo.Index[p]?.Id.Sha;
                var theirs = tip?[p]?.Target is Blob t ? t.Sha : null;
                // Ours where we left it (on disk or staged) and not what the branch holds anyway.
                return mine != theirs
                    && (onDisk == mine
                        && mine is not null
                        || staged == mine
                        && mine is not null
                        || mine is null
                        && onDisk is null
                        && theirs is not null);
            }).ToArray();
            WorkingTree.Restore(repo, ourContent, tip);
        }

        File.Delete(entry.File);
    }
}
