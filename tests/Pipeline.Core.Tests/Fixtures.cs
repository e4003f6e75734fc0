namespace Pipeline.Core.Tests;

/// <summary>Locates the repository root (Pipeline.sln) and the shared fixtures beside it.</summary>
internal static class Fixtures
{
    public static string RepoRoot { get; } = FindRoot();

    /// <summary>../shared/fixtures from the repository; a worktree one level deeper finds it one folder further up.</summary>
    public static string Dir { get; } = new[]
    {
        Path.Combine(RepoRoot, "..", "shared", "fixtures"),
        Path.Combine(RepoRoot, "..", "..", "shared", "fixtures"),
    }.First(Directory.Exists);

    public static string Path_(string name) => Path.Combine(Dir, name);

    public static byte[] Bytes(string name) => File.ReadAllBytes(Path.Combine(Dir, name));

    public static string TestData(params string[] parts) => Path.Combine([RepoRoot, "tests", "Pipeline.Core.Tests", .. parts]);

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Pipeline.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Pipeline.sln not found above " + AppContext.BaseDirectory);
    }
}
