using System.Security.Cryptography;
using System.Text;

namespace Pipeline.Tasks.Serving;

/// <summary>
/// The tips of a model's tags (<c>MODEL@…</c> version tags, <c>MODEL#…</c> alias tags) read straight from the repository's
/// files, without starting git or loading libgit2: loose refs under <c>refs/tags/</c>, then <c>packed-refs</c> for the
/// rest. Every alias event is a new tag, so these tips change exactly when what an alias resolves to may have changed;
/// reading them costs a directory walk and one small file, which is what lets a no-op build skip the CLI.
/// A reftable repository (git 2.45+) has no loose refs: its table list, rewritten on every ref update, stands in.
/// </summary>
internal sealed class TagTips
{
    private TagTips(string gitDir, string commonDir, IReadOnlyList<string> lines)
    {
        GitDir = gitDir;
        CommonDir = commonDir;
        Lines = lines;
        Digest = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join("\n", lines))));
    }

    /// <summary>The repository's git folder (<c>.git</c>, a worktree's git folder, or a bare repository).</summary>
    public string GitDir { get; }

    /// <summary>Where refs live: the git folder, or the main repository's for a linked worktree.</summary>
    public string CommonDir { get; }

    /// <summary><c>SHA refs/tags/NAME</c>, sorted by name; or the reftable's table list.</summary>
    public IReadOnlyList<string> Lines { get; }

    /// <summary>SHA-256 of <see cref="Lines"/>: the part of the build cache key that moves with the tags.</summary>
    public string Digest { get; }

    /// <summary>The tags of <paramref name="model"/> in the repository at or above <paramref name="directory"/>; null when there is none.</summary>
    public static TagTips? Read(string directory, string model)
    {
        if (FindGitDir(directory) is not { } gitDir)
        {
            return null;
        }

        var commonDir = CommonDirOf(gitDir);
        var reftable = Path.Combine(commonDir, "reftable", "tables.list");
        if (File.Exists(reftable))
        {
            return new TagTips(gitDir, commonDir, ["reftable " + File.ReadAllText(reftable).Trim().Replace('\n', ' ')]);
        }

        var tips = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var tagsDir = Path.Combine(commonDir, "refs", "tags");
        if (Directory.Exists(tagsDir))
        {
            foreach (var file in Directory.EnumerateFiles(tagsDir, "*", SearchOption.AllDirectories))
            {
                var name = "refs/tags/" + Path.GetRelativePath(tagsDir, file).Replace('\\', '/');
                if (IsModelTag(name, model))
                {
                    tips[name] = ReadLoose(file);
                }
            }
        }

        var packed = Path.Combine(commonDir, "packed-refs");
        if (File.Exists(packed))
        {
            foreach (var line in File.ReadLines(packed))
            {
                // "SHA refs/tags/NAME"; '#' starts the header, '^' a peeled line under the tag it belongs to.
                var space = line.IndexOf(' ');
                if (line.Length == 0 || line[0] is '#' or '^' || space < 0)
                {
                    continue;
                }

                var name = line[(space + 1)..];
                if (IsModelTag(name, model))
                {
                    tips.TryAdd(name, line[..space]); // a loose ref overrides its packed copy
                }
            }
        }

        return new TagTips(gitDir, commonDir, tips.Select(t => t.Value + " " + t.Key).ToArray());
    }

    private static bool IsModelTag(string refName, string model) =>
        refName.StartsWith("refs/tags/" + model, StringComparison.Ordinal)
        && refName.Length > 10 + model.Length
        && refName[10 + model.Length] is '@' or '#';

    private static string ReadLoose(string file)
    {
        try
        {
            return File.ReadAllText(file).Trim();
        }
        catch (IOException)
        {
            // A ref being rewritten right now: an answer that cannot match any earlier one makes the build resolve again.
            return "unreadable-" + Guid.NewGuid().ToString("N");
        }
    }

    private static string? FindGitDir(string start)
    {
        for (var dir = new DirectoryInfo(Path.GetFullPath(start)); dir is not null; dir = dir.Parent)
        {
            var dotGit = Path.Combine(dir.FullName, ".git");
            if (Directory.Exists(dotGit))
            {
                return dotGit;
            }

            if (File.Exists(dotGit))
            {
                // A linked worktree or a submodule: ".git" is a file "gitdir: PATH".
                var text = File.ReadAllText(dotGit).Trim();
                if (text.StartsWith("gitdir:", StringComparison.Ordinal))
                {
                    return Path.GetFullPath(Path.Combine(dir.FullName, text["gitdir:".Length..].Trim()));
                }
            }

            if (File.Exists(Path.Combine(dir.FullName, "HEAD")) && Directory.Exists(Path.Combine(dir.FullName, "refs"))
                && Directory.Exists(Path.Combine(dir.FullName, "objects")))
            {
                return dir.FullName; // a bare repository
            }
        }

        return null;
    }

    private static string CommonDirOf(string gitDir)
    {
        var file = Path.Combine(gitDir, "commondir");
        return File.Exists(file) ? Path.GetFullPath(Path.Combine(gitDir, File.ReadAllText(file).Trim())) : gitDir;
    }
}
