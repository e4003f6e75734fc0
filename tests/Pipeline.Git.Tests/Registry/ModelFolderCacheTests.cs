using Pipeline.Git.Registry;

namespace Pipeline.Git.Tests.Registry;

/// <summary>The model folders remembered by tree id: a changed folder is read again, a damaged cache is only a cache.</summary>
public sealed class ModelFolderCacheTests
{
    [Fact]
    public void Models_follow_the_tree_through_the_cache_and_survive_a_damaged_cache_file()
    {
        using var repo = new TempGitRepo();
        repo.Commit("records", ("registry/a/v1.0.0.json", "{}"), ("registry/org/b/v0.1.0.json", "{}"), ("registry/org/notes.txt", "x"),
            ("registry/runs/r1/v1.0.0.json", "{}"), ("registry/empty/readme.md", "x"));
        var store = new RegistryStore(repo.Root);
        Assert.Equal(["a", "org/b"], store.Models(store.AllStates()));
        var cacheFile = Path.Combine(repo.Root, ".git", "pipeline", "model-folders");
        Assert.True(File.Exists(cacheFile));

        // A new folder and a new record in a remembered folder's subtree: both trees changed, both read again.
        repo.Commit("more", ("registry/c/v2.0.0.json", "{}"), ("registry/org/v0.0.1.json", "{}"));
        Assert.Equal(["a", "c", "org", "org/b"], store.Models(store.AllStates()));
        Assert.Equal(store.Models(store.AllStates()), store.Models());

        File.WriteAllText(cacheFile, "pipeline model-folders v1\0" + new string('f', 40) + "\0999\0x");
        Assert.Equal(["a", "c", "org", "org/b"], store.Models(store.AllStates()));
        File.WriteAllText(cacheFile, "garbage");
        Assert.Equal(["a", "c", "org", "org/b"], store.Models(store.AllStates()));
    }

    [Fact]
    public void Cache_entries_are_keyed_by_the_folder_tree_id()
    {
        using var repo = new TempGitRepo();
        repo.Commit("records", ("registry/a/v1.0.0.json", "{}"));
        var store = new RegistryStore(repo.Root);
        Assert.Equal(["a"], store.Models(store.AllStates()));
        // The key is the tree's own id: another tree (any change to the folder) can never hit this entry.
        var tree = repo.Git("rev-parse", "HEAD:registry/a").Trim();
        Assert.Contains(tree, File.ReadAllText(Path.Combine(repo.Root, ".git", "pipeline", "model-folders")));
        repo.Commit("rename", ("registry/a/v1.0.1.json", "{}"));
        Assert.NotEqual(tree, repo.Git("rev-parse", "HEAD:registry/a").Trim());
        Assert.Equal(["a"], store.Models(store.AllStates()));
    }
}
