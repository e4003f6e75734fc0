using System.Text;

namespace Pipeline.Git.Tests.Registry;

/// <summary>
/// The GTO tags of three public repositories (tests/fixtures/*GTO-TAGS.derived.txt), replayed into a real repo
/// with git fast-import: one commit per distinct target, tags with the same names, taggers, times and subjects.
/// </summary>
internal static class GtoFixtures
{
    public static string[] Files() => RepoPaths.Fixtures("*GTO-TAGS.derived.txt");

    /// <summary>Builds the tags of one fixture file into <paramref name="repo"/>; extra lightweight tags may be added.</summary>
    public static void Build(TempGitRepo repo, string file, params (string Name, string Target)[] lightweight)
    {
        var rows = File.ReadAllLines(file).Where(l => l.Contains('|')).Select(l => l.Split('|')).ToArray();
        var targets = rows.OrderBy(r => long.Parse(r[4].Split(' ')[0])).Select(r => r[2]).Distinct().ToList();
        var sb = new StringBuilder();
        for (var i = 0; i < targets.Count; i++)
        {
            var time = rows.Where(r => r[2] == targets[i]).Min(r => long.Parse(r[4].Split(' ')[0]));
            Data(
                sb.Append($"commit refs/heads/main\nmark :{i + 1}\ncommitter Fixture <fixture@example.com> {time} +0000\n"),
                $"original {targets[i]}");
            Data(sb.Append("M 644 inline marker.txt\n"), targets[i] + "\n");
        }

        foreach (var r in rows)
        {
            sb.Append($"tag {r[0]}\nfrom :{targets.IndexOf(r[2]) + 1}\ntagger {r[3]} {r[4]}\n");
            Data(sb, r[5] + "\n");
        }

        foreach (var (name, target) in lightweight)
        {
            sb.Append($"reset refs/tags/{name}\nfrom :{targets.IndexOf(target) + 1}\n\n");
        }

        var (code, _, err) = GitProcess.TryRun(repo.Root, sb.ToString(), "fast-import", "--quiet");
        if (code != 0)
        {
            throw new InvalidOperationException("fast-import: " + err);
        }

        repo.Git("reset", "-q", "--hard", "main");
    }

    private static void Data(StringBuilder sb, string text) => sb.Append($"data {Encoding.UTF8.GetByteCount(text)}\n{text}\n");
}
