using System.Text.RegularExpressions;
using Pipeline.Core.Diagnostics;

namespace Pipeline.Core.Dvc;

/// <summary>
/// Turns a path as DVC wrote it (relative to the file that records it) into the repository-relative POSIX form the
/// data_version hashes, so the same data named from two places (a lock in a subfolder, a .dvc file) compares equal.
/// URLs (s3://, gs://, https://, …) are kept verbatim: they are identities, not paths.
/// </summary>
public static partial class DvcPath
{
    [GeneratedRegex("^[A-Za-z][A-Za-z0-9+.-]*://")]
    private static partial Regex UrlRe();

    public static bool IsUrl(string path) => UrlRe().IsMatch(path);

    /// <summary>The folder part of a repository-relative file path ("" for a file at the root).</summary>
    public static string FolderOf(string repoPath)
    {
        var cut = repoPath.LastIndexOf('/');
        return cut < 0 ? "" : repoPath[..cut];
    }

    /// <summary>
    /// <paramref name="raw"/> resolved against <paramref name="baseFolder"/> (repository-relative, "" for the root).
    /// Refuses absolute paths and paths whose '..' climbs out of the repository: they cannot be verified from it.
    /// </summary>
    public static string Normalize(string raw, string baseFolder, string file, int line)
    {
        if (IsUrl(raw))
        {
            return raw;
        }

        if (raw.StartsWith('/') || raw.StartsWith('\\') || (raw.Length >= 2 && raw[1] == ':' && char.IsAsciiLetter(raw[0])))
        {
            throw new PipelineException(PipeCodes.DvcPathOutsideRepo, $"'{raw}' is an absolute path, outside the repository", file, line);
        }

        var parts = new List<string>();
        foreach (var segment in (baseFolder + "/" + raw).Split('/'))
        {
            if (segment is "" or ".")
            {
                continue;
            }

            if (segment == "..")
            {
                if (parts.Count == 0)
                {
                    throw new PipelineException(PipeCodes.DvcPathOutsideRepo, $"'{raw}' leaves the repository", file, line);
                }

                parts.RemoveAt(parts.Count - 1);
                continue;
            }

            parts.Add(segment);
        }

        if (parts.Count == 0)
        {
            throw new PipelineException(PipeCodes.DvcPathOutsideRepo, $"'{raw}' names the repository root, not a file or folder in it", file, line);
        }

        return string.Join('/', parts);
    }

    /// <summary>True when <paramref name="path"/> is <paramref name="folder"/> or lies inside it.</summary>
    public static bool IsSameOrUnder(string path, string folder) =>
        path == folder || (path.Length > folder.Length && path[folder.Length] == '/' && path.StartsWith(folder, StringComparison.Ordinal));
}
