using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Pipeline.Git.Registry;

namespace Pipeline.Git.Tests.Registry;

/// <summary>
/// The whole-namespace ref reader (list, doctor) against git itself: packed-refs with peeled lines, loose refs overriding
/// packed ones, names with odd characters, and random tag sets compared with <c>git for-each-ref</c>.
/// </summary>
public sealed class PackedRefsReaderTests
{
    private static readonly string A = new('a', 40);
    private static readonly string B = new('b', 40);
    private static readonly string C = new('c', 40);

    [Fact]
    public void Peeled_lines_belong_to_the_ref_above_them()
    {
        var text = $"# pack-refs with: peeled fully-peeled sorted \n{A} refs/heads/main\n{B} refs/tags/m@v1.0.0\n^{C}\n{C} refs/tags/m@v1.0.1\n";
        var refs = PackedRefsText.Parse(Encoding.UTF8.GetBytes(text), "refs/tags/");
        Assert.Equal([new TagRefs.Entry("refs/tags/m@v1.0.0", B, C, true), new TagRefs.Entry("refs/tags/m@v1.0.1", C, null, true)], refs);
    }

    [Fact]
    public void Without_the_peeled_trait_nothing_is_known_about_lightweight_tags()
    {
        var refs = PackedRefsText.Parse(Encoding.UTF8.GetBytes($"# pack-refs with: sorted \n{B} refs/tags/m@v1.0.0\n"), "refs/tags/");
        Assert.False(Assert.Single(refs).PeelKnown);
        var none = PackedRefsText.Parse(Encoding.UTF8.GetBytes($"{B} refs/tags/m@v1.0.0\n"), "refs/tags/");
        Assert.False(Assert.Single(none).PeelKnown);
    }

    [Fact]
    public void A_peeled_line_after_a_ref_outside_the_prefix_is_not_given_to_the_previous_match()
    {
        var text = $"# pack-refs with: peeled \n{B} refs/tags/m@v1.0.0\n{A} refs/tagsx/other\n^{C}\n";
        var refs = PackedRefsText.Parse(Encoding.UTF8.GetBytes(text), "refs/tags/");
        Assert.Null(Assert.Single(refs).Peeled);
    }

    [Fact]
    public void Malformed_lines_and_crlf_are_skipped_or_trimmed_not_misread()
    {
        var text = $"# pack-refs with: peeled \r\nnot-an-id refs/tags/x@v1.0.0\n{B.ToUpperInvariant()} refs/tags/y@v1.0.0\n{B} " +
            $"refs/tags/z@v1.0.0\r\n^{C}\r\n^{A}\n";
        var refs = PackedRefsText.Parse(Encoding.UTF8.GetBytes(text), "refs/tags/");
        Assert.Equal([new TagRefs.Entry("refs/tags/z@v1.0.0", B, C, true)], refs);
    }

    [Fact]
    public void A_loose_ref_overrides_the_packed_one_and_odd_names_read_back()
    {
        using var repo = new TempGitRepo();
        var first = repo.Commit("one", ("a.txt", "1"));
        var second = repo.Commit("two", ("a.txt", "2"));
        foreach (var name in new[] { "m@v1.0.0", "m#prod#1", "org/m@v1.0.0", "é-model@v1.0.0", "m@v1.0.0-rc.1+build.7", "m#a_b!#2" })
        {
            repo.Git("tag", "-a", "-m", "t", name, first);
        }

        repo.Git("tag", "light@v0.0.1", first);
        repo.Git("pack-refs", "--all");
        // Re-pointed after packing: the new value is loose, the old one still in packed-refs.
        repo.Git("tag", "-f", "-a", "-m", "moved", "m@v1.0.0", second);
        repo.Git("tag", "loose-only@v2.0.0", second);

        var mine = TagRefs.All(Path.Combine(repo.Root, ".git"), "refs/tags/").Select(e => (e.Name, e.Id)).ToArray();
        Assert.Equal(ForEachRef(repo.Root), mine);
        Assert.Contains(mine, e => e.Name == "refs/tags/é-model@v1.0.0");
    }

    /// <summary>Random tag sets, part packed and part loose, some annotated: the reader lists what git lists, in git's order.</summary>
    [Property(MaxTest = 8)]
    public bool Reader_equals_git_for_each_ref(PositiveInt seed)
    {
        var random = new Random(seed.Get);
        using var repo = new TempGitRepo();
        var commits = new[] { repo.Commit("one", ("a.txt", "1")), repo.Commit("two", ("a.txt", "2")) };
        var tree = repo.Git("rev-parse", "HEAD^{tree}").Trim();
        string[] models = ["m", "m0", "org/m", "a-b", "x_y", "ü"];
        var count = random.Next(1, 25);
        for (var i = 0; i < count; i++)
        {
            var model = models[random.Next(models.Length)];
            var name = random.Next(3) switch
            {
                0 => $"{model}@v{random.Next(3)}.{random.Next(3)}.{random.Next(3)}",
                1 => $"{model}#prod#{random.Next(1, 9)}",
                _ => $"{model}@deprecated",
            };
            var target = random.Next(6) == 0 ? tree : commits[random.Next(2)];
            var annotated = random.Next(3) > 0;
            repo.TryGit(annotated ? ["tag", "-f", "-a", "-m", "t", name, target] : ["tag", "-f", name, target]);
            if (random.Next(4) == 0)
            {
                repo.Git("pack-refs", "--all");
            }
        }

        if (random.Next(2) == 0)
        {
            repo.Git("pack-refs", "--all");
        }

        var mine = TagRefs.All(Path.Combine(repo.Root, ".git"), "refs/tags/").Select(e => (e.Name, e.Id)).ToArray();
        var peeled = TagRefs.All(Path.Combine(repo.Root, ".git"), "refs/tags/")
            .Where(e => e.Peeled is not null)
            .Select(e => (e.Name, e.Peeled!))
            .ToArray();
        var gitPeeled = repo.Git("for-each-ref", "--format=%(refname) %(*objectname)", "refs/tags/")
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
                .Select(l => l.Split(' '))
                .Where(p => p[1].Length > 0)
                .Select(p => (p[0], p[1]))
                .ToHashSet();
        // Every peeled line the reader kept is what git peels the tag to (loose annotated tags carry none).
        return mine.SequenceEqual(ForEachRef(repo.Root)) && peeled.All(gitPeeled.Contains);
    }

    private static (string, string)[] ForEachRef(string root) =>
        GitProcess.Run(root, "for-each-ref", "--format=%(refname) %(objectname)", "refs/tags/")
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => l.Split(' '))
            .Select(p => (p[0], p[1]))
            .ToArray();
}
