using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Pipeline.Git.Registry;

namespace Pipeline.Git.Tests.Registry;

public sealed class TagRefsTests
{
    private static readonly string[] Models = ["a", "ab", "a-b", "m", "m0", "m00", "m1", "org/m", "org/m2", "z"];

    /// <summary>The binary search over packed-refs finds exactly what a linear filter finds, peeled lines included.</summary>
    [Property(MaxTest = 60)]
    public bool Prefix_lookup_equals_a_linear_filter(PositiveInt seed, byte modelIndex)
    {
        var random = new Random(seed.Get);
        var names = new SortedSet<string>(StringComparer.Ordinal);
        var count = random.Next(0, 300);
        for (var i = 0; i < count; i++)
        {
            var model = Models[random.Next(Models.Length)];
            names.Add(random.Next(3) switch
            {
                0 => $"refs/tags/{model}@v{random.Next(5)}.{random.Next(5)}.{random.Next(5)}",
                1 => $"refs/tags/{model}#prod#{random.Next(1, 50)}",
                _ => $"refs/tags/other-{random.Next(1000)}",
            });
        }

        var dir = Directory.CreateTempSubdirectory("pipeline-packed-").FullName;
        try
        {
            var sb = new StringBuilder("# pack-refs with: peeled fully-peeled sorted \n");
            var expected = new List<TagRefs.Entry>();
            var target = Models[modelIndex % Models.Length];
            foreach (var (name, i) in names.Select((n, i) => (n, i)))
            {
                var id = i.ToString("x40");
                var peeled = i % 2 == 0 ? (i + 1000).ToString("x40") : null;
                sb.Append(id).Append(' ').Append(name).Append('\n');
                if (peeled is not null)
                {
                    sb.Append('^').Append(peeled).Append('\n');
                }

                if (name.StartsWith($"refs/tags/{target}@", StringComparison.Ordinal))
                {
                    expected.Add(new TagRefs.Entry(name, id, peeled, true));
                }
            }

            File.WriteAllText(Path.Combine(dir, "packed-refs"), sb.ToString());
            var found = TagRefs.WithPrefix(dir, $"refs/tags/{target}@");
            var all = TagRefs.All(dir, "refs/tags/");
            return found.SequenceEqual(expected) && all.Count == names.Count;
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
