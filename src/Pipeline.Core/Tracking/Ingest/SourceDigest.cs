using System.Security.Cryptography;
using System.Text;

namespace Pipeline.Core.Tracking.Ingest;

/// <summary>
/// The identity of an ingest source, so ingesting the same log twice finds the first run instead of making a second
/// one (two copies of one run would later make <c>promote</c> refuse an ambiguous link). A file is the sha256 of its
/// bytes; a folder (DVCLive, MLflow) is the sha256 of a sorted list of <c>path size sha256</c> lines over its files,
/// skipping <c>artifacts/</c> folders: checkpoints stored there are not the run's log, and hashing gigabytes to
/// recognise a log would make every ingest slow.
/// </summary>
public static class SourceDigest
{
    public static string Of(string fullPath)
    {
        if (File.Exists(fullPath))
        {
            return OfFile(fullPath);
        }

        var lines = new StringBuilder();
        foreach (var file in Files(fullPath))
        {
            var relative = Path.GetRelativePath(fullPath, file).Replace('\\', '/');
            lines.Append(relative).Append(' ').Append(new FileInfo(file).Length).Append(' ').Append(OfFile(file)).Append('\n');
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(lines.ToString())));
    }

    private static IEnumerable<string> Files(string folder)
    {
        var options = new EnumerationOptions { RecurseSubdirectories = false, AttributesToSkip = FileAttributes.ReparsePoint };
        var found = new List<string>();
        var pending = new Stack<string>();
        pending.Push(folder);
        while (pending.Count > 0)
        {
            var dir = pending.Pop();
            found.AddRange(Directory.EnumerateFiles(dir, "*", options));
            foreach (var sub in Directory.EnumerateDirectories(dir, "*", options))
            {
                if (!string.Equals(Path.GetFileName(sub), "artifacts", StringComparison.Ordinal))
                {
                    pending.Push(sub);
                }
            }
        }

        // Ordinal order of the '/' paths: the same folder gives the same digest on every OS and file system.
        return found.OrderBy(f => Path.GetRelativePath(folder, f).Replace('\\', '/'), StringComparer.Ordinal);
    }

    private static string OfFile(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1 << 16, FileOptions.SequentialScan);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
