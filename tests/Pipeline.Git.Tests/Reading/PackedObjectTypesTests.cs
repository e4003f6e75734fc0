using Pipeline.Git.Reading;

namespace Pipeline.Git.Tests.Reading;

/// <summary>Object types from the pack index against <c>git cat-file --batch-check</c>; what it cannot answer it leaves unanswered.</summary>
public sealed class PackedObjectTypesTests
{
    [Fact]
    public void Packed_objects_have_the_type_git_gives_them_and_loose_ones_are_left_to_libgit2()
    {
        using var repo = new TempGitRepo();
        for (var i = 0; i < 30; i++)
        {
            repo.Commit($"c{i}", ("a.txt", string.Concat(Enumerable.Repeat($"line {i}\n", 50 + i))), ($"d/f{i % 3}.txt", $"{i}"));
        }

        repo.Git("tag", "-a", "-m", "t", "m@v1.0.0", "HEAD~3");
        repo.Git("gc", "--quiet", "--aggressive");
        var loose = repo.Commit("after gc", ("b.txt", "loose"));
        var all = repo.Git("cat-file", "--batch-check", "--batch-all-objects")
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => l.Split(' '))
            .ToArray();
        using var types = PackedObjectTypes.Open(Path.Combine(repo.Root, ".git", "objects"));
        var answered = 0;
        foreach (var parts in all)
        {
            var expected = parts[1] switch { "commit" => 1, "tree" => 2, "blob" => 3, "tag" => 4, _ => -1 };
            var got = types.TypeOf(parts[0]);
            if (parts[0] == loose)
            {
                Assert.Null(got);
            }
            else if (got is int t)
            {
                // A delta is never guessed: an answer is always the right one.
                Assert.Equal(expected, t);
                answered++;
            }
        }

        Assert.True(answered > all.Length / 2, $"the packs answered only {answered} of {all.Length}");
        Assert.Null(types.TypeOf(new string('0', 40)));
        Assert.Null(types.TypeOf("not-an-id"));
        Assert.Null(types.TypeOf(new string('a', 64)));
    }

    [Fact]
    public void A_damaged_index_is_not_read()
    {
        using var repo = new TempGitRepo();
        var commit = repo.Commit("one", ("a.txt", "1"));
        repo.Git("gc", "--quiet");
        var idx = Directory.GetFiles(Path.Combine(repo.Root, ".git", "objects", "pack"), "*.idx").Single();
        File.SetAttributes(idx, FileAttributes.Normal);
        var bytes = File.ReadAllBytes(idx);
        File.WriteAllBytes(idx, bytes[..(bytes.Length - 7)]);
        using var types = PackedObjectTypes.Open(Path.Combine(repo.Root, ".git", "objects"));
        Assert.Null(types.TypeOf(commit));
    }
}
