using FsCheck;
using FsCheck.Fluent;
using Pipeline.Core.Tracking.Ingest;

namespace Pipeline.Core.Tests.Tracking;

public sealed class SourceDigestTests
{
    /// <summary>A folder's digest changes when any file's bytes change, and never depends on creation order.</summary>
    [FsCheck.Xunit.Property(MaxTest = 40)]
    public Property Folder_digest_sees_every_file_and_ignores_creation_order()
    {
        var files = Gen.Choose(1, 6).SelectMany(n => Gen.Elements("a", "b", "c", "d").ArrayOf(n));
        return Prop.ForAll(files.ToArbitrary(), Gen.Choose(0, 5).ToArbitrary(), (contents, pick) =>
        {
            using var one = new TempFolder();
            using var two = new TempFolder();
            for (var i = 0; i < contents.Length; i++)
            {
                Write(one.Root, $"m/f{i}.txt", contents[i]);
            }

            for (var i = contents.Length - 1; i >= 0; i--)
            {
                Write(two.Root, $"m/f{i}.txt", contents[i]);
            }

            var same = SourceDigest.Of(one.Root) == SourceDigest.Of(two.Root);
            var changed = pick % contents.Length;
            Write(two.Root, $"m/f{changed}.txt", contents[changed] + "!");
            return same && SourceDigest.Of(one.Root) != SourceDigest.Of(two.Root);
        });
    }

    [Fact]
    public void Artifacts_folders_are_not_part_of_a_runs_identity()
    {
        using var folder = new TempFolder();
        Write(folder.Root, "meta.yaml", "name: run\n");
        var before = SourceDigest.Of(folder.Root);
        Write(folder.Root, "artifacts/model.safetensors", "weights");

        Assert.Equal(before, SourceDigest.Of(folder.Root));
        Write(folder.Root, "metrics/loss", "1 0.5 0\n");
        Assert.NotEqual(before, SourceDigest.Of(folder.Root));
    }

    [Fact]
    public void A_files_digest_is_its_sha256()
    {
        using var folder = new TempFolder();
        Write(folder.Root, "run.jsonl", "abc");

        Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", SourceDigest.Of(Path.Combine(folder.Root, "run.jsonl")));
    }

    private static void Write(string root, string relative, string text)
    {
        var path = Path.Combine(root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }
}
