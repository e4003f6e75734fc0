using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Pipeline.Core.Tracking;

/// <summary>
/// Moves a large compact series out of git objects before a ledger commit (<see cref="SeriesPolicy"/>):
/// <list type="bullet">
/// <item><c>lfs</c>: the bytes go to the Git LFS object store (<c>.git/lfs/objects/aa/bb/OID</c>, where
/// <c>git lfs push</c> finds them), the working-tree file and the committed blob become the LFS pointer (spec v1), and
/// <c>.gitattributes</c> tracks that one file with <c>filter=lfs</c>. No git-lfs binary is needed to write: a clone
/// without git-lfs sees the pointer, and readers then say to run <c>git lfs pull</c> (PIPE3514).</item>
/// <item><c>dvc</c>: the file stays in the working tree but out of git (<c>.gitignore</c>), a <c>&lt;file&gt;.dvc</c>
/// pointer with DVC's md5 is committed, and the bytes are copied into the DVC cache when the repository has one.</item>
/// </list>
/// The record keeps the store, sha256 and size either way.
/// </summary>
public static class SeriesOffload
{
    public const string LfsVersionLine = "version https://git-lfs.github.com/spec/v1";

    /// <summary>
    /// Applies the policy to one run's series. <paramref name="files"/> maps repo-relative paths to the local files the
    /// commit reads (null deletes); it is updated in place. Returns the record as it must be committed.
    /// </summary>
    public static RunRecord Apply(string repoRoot, RunLedger ledger, RunRecord run, SeriesPolicy policy, IDictionary<string, string?> files)
    {
        var series = ledger.CompactSeriesPath(run.Id);
        if (policy.Store == SeriesStore.Git
            || !run.CompactSeries
            || run.SeriesStorage is not null
            || !File.Exists(series)
            || !CompactSeries.IsCompact(series))
        {
            return run;
        }

        var size = new FileInfo(series).Length;
        if (size <= policy.MaxGitBytes)
        {
            return run;
        }

        string sha256;
        using (var stream = File.OpenRead(series))
        {
            sha256 = Convert.ToHexStringLower(SHA256.HashData(stream));
        }

        var stored = run with { SeriesStorage = new StoredSeries(SeriesPolicy.Name(policy.Store), sha256, size) };
        RunLedger.WriteAtomic(ledger.RecordPath(run.Id), RunRecordWriter.ToUtf8(stored));
        var seriesRelative = Relative(repoRoot, series);
        if (policy.Store == SeriesStore.Lfs)
        {
            var objectPath = LfsObjectPath(GitCommonDir(repoRoot) ?? Path.Combine(repoRoot, ".git"), sha256);
            Directory.CreateDirectory(Path.GetDirectoryName(objectPath)!);
            if (!File.Exists(objectPath))
            {
                File.Copy(series, objectPath + ".tmp", overwrite: true);
                File.Move(objectPath + ".tmp", objectPath, overwrite: true);
            }

            RunLedger.WriteAtomic(series, Encoding.ASCII.GetBytes(LfsPointer(sha256, size)));
            var attributes = Path.Combine(repoRoot, ".gitattributes");
            AppendLine(attributes, "/" + seriesRelative + " filter=lfs diff=lfs merge=lfs -text");
            files[".gitattributes"] = attributes;
            files[seriesRelative] = series;
        }
        else
        {
            string md5;
            using (var stream = File.OpenRead(series))
            {
                md5 = Convert.ToHexStringLower(MD5.HashData(stream));
            }

            var name = Path.GetFileName(series);
            var pointer = series + ".dvc";
            RunLedger.WriteAtomic(pointer, Encoding.UTF8.GetBytes(DvcPointer(md5, size, name)));
            var ignore = Path.Combine(ledger.Folder, ".gitignore");
            AppendLine(ignore, "/" + name);
            var cache = Path.Combine(repoRoot, ".dvc");
            if (Directory.Exists(cache))
            {
                var cached = Path.Combine(cache, "cache", "files", "md5", md5[..2], md5[2..]);
                Directory.CreateDirectory(Path.GetDirectoryName(cached)!);
                if (!File.Exists(cached))
                {
                    File.Copy(series, cached);
                }
            }

            files.Remove(seriesRelative);
            files[Relative(repoRoot, pointer)] = pointer;
            files[Relative(repoRoot, ignore)] = ignore;
        }

        return stored;
    }

    /// <summary>The pointer file Git LFS commits in place of the content (spec v1: version, then keys in order, LF endings).</summary>
    public static string LfsPointer(string sha256, long size) =>
        string.Create(CultureInfo.InvariantCulture, $"{LfsVersionLine}\noid sha256:{sha256}\nsize {size}\n");

    /// <summary>A DVC 3 <c>.dvc</c> file for one output, as <c>dvc add</c> writes it.</summary>
    public static string DvcPointer(string md5, long size, string path) =>
        string.Create(CultureInfo.InvariantCulture, $"outs:\n- md5: {md5}\n  size: {size}\n  hash: md5\n  path: {path}\n");

    /// <summary>Where Git LFS keeps an object: <c>&lt;git common dir&gt;/lfs/objects/aa/bb/&lt;oid&gt;</c>.</summary>
    public static string LfsObjectPath(string gitCommonDir, string sha256) =>
        Path.Combine(gitCommonDir, "lfs", "objects", sha256[..2], sha256[2..4], sha256);

    /// <summary>
    /// The git folder that holds shared data (objects, lfs) for the checkout containing <paramref name="start"/>: a
    /// <c>.git</c> folder, or for a linked worktree the folder its <c>.git</c> file and <c>commondir</c> name.
    /// </summary>
    public static string? GitCommonDir(string start)
    {
        for (var dir = new DirectoryInfo(Path.GetFullPath(start)); dir is not null; dir = dir.Parent)
        {
            var dotGit = Path.Combine(dir.FullName, ".git");
            if (Directory.Exists(dotGit))
            {
                return dotGit;
            }

            if (File.Exists(dotGit) && File.ReadAllText(dotGit).Trim() is var link && link.StartsWith("gitdir:", StringComparison.Ordinal))
            {
                var gitDir = Path.GetFullPath(Path.Combine(dir.FullName, link["gitdir:".Length..].Trim()));
                var common = Path.Combine(gitDir, "commondir");
                return File.Exists(common) ? Path.GetFullPath(Path.Combine(gitDir, File.ReadAllText(common).Trim())) : gitDir;
            }
        }

        return null;
    }

    private static void AppendLine(string file, string line)
    {
        var existing = File.Exists(file) ? File.ReadAllText(file) : "";
        if (existing.Split('\n').Any(l => l.TrimEnd('\r') == line))
        {
            return;
        }

        var text = existing.Length == 0 || existing.EndsWith('\n') ? existing : existing + "\n";
        RunLedger.WriteAtomic(file, Encoding.UTF8.GetBytes(text + line + "\n"));
    }

    private static string Relative(string root, string full) => Path.GetRelativePath(root, full).Replace('\\', '/');
}
