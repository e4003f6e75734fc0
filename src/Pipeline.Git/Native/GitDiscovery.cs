using LibGit2Sharp;

namespace Pipeline.Git.Native;

/// <summary>
/// Finding the repository that holds a path, and opening one with the user's git config, in a way that also works in
/// the Native AOT executable (see <see cref="Libgit2"/>): every <c>Repository.Discover</c> of ours goes through here.
/// </summary>
internal static class GitDiscovery
{
    private static readonly Lazy<(string? Global, string? Xdg, string? System)> UserConfigFiles = new(Libgit2.ConfigFiles);

    /// <summary>The git folder (with a trailing separator) of the repository containing <paramref name="path"/>, or null.</summary>
    public static string? GitDir(string path) => Libgit2.DiscoverRepository(Path.GetFullPath(path));

    /// <summary>
    /// The repository's config (<paramref name="commonDir"/>/config) layered over the global, XDG and system files, as
    /// git reads them. LibGit2Sharp finds those files through the same in-only buffer, so under AOT <c>repo.Config</c>
    /// would see only the repository's own file (no user.name/user.email from ~/.gitconfig); naming them avoids that.
    /// </summary>
    public static Configuration UserConfig(string commonDir)
    {
        var (global, xdg, system) = UserConfigFiles.Value;
        return Configuration.BuildFrom(Path.Combine(commonDir, "config"), global, xdg, system);
    }
}
