using LibGit2Sharp;

namespace Pipeline.Git.Reading;

/// <summary>
/// Finds a commit's lineage commit (docs/design.md §2): back along first parents over commits whose tree differs from
/// their parent's only inside the registry folder. A commit carrying a <see cref="LineageTrailer"/> ends the walk in one
/// step, but only when the trees agree: the commit itself changes nothing outside the registry, its parent is the
/// named commit or names it too, the named commit holds the same code (everything outside the registry), and the named
/// commit is not itself registry-only. Any disagreement (a rebased, amended or hand-edited commit) falls back to the
/// plain walk, so hand-made commits, with or without a trailer, still give the walk's answer.
/// </summary>
internal static class LineageWalk
{
    public static LineageCommit Resolve(LibGit2Sharp.Repository repo, Commit start, string registryFolder, string requested, bool trailers = true)
    {
        var segments = Segments(registryFolder);
        var commit = start;
        var skipped = new List<string>();
        while (segments.Length > 0 && commit.Parents.FirstOrDefault() is { } parent)
        {
            if (trailers && Trusted(repo, commit, parent, segments) is { } named)
            {
                skipped.Add(commit.Sha);
                return new LineageCommit(named.Sha, requested, skipped) { ViaTrailer = true };
            }

            if (!SameOutside(commit.Tree, parent.Tree, segments, 0))
            {
                break;
            }

            skipped.Add(commit.Sha);
            commit = parent;
        }

        return new LineageCommit(commit.Sha, requested, skipped);
    }

    /// <summary>The lineage commit of <paramref name="commit"/> as the trailer of a commit written on top of it names it.</summary>
    public static string OfParent(LibGit2Sharp.Repository repo, Commit commit, string registryFolder) =>
        Resolve(repo, commit, registryFolder, commit.Sha).Sha;

    internal static string[] Segments(string registryFolder) =>
        registryFolder.Replace('\\', '/').Split('/', StringSplitOptions.RemoveEmptyEntries);

    private static Commit? Trusted(LibGit2Sharp.Repository repo, Commit commit, Commit parent, string[] segments)
    {
        if (LineageTrailer.Read(commit.Message) is not { } sha)
        {
            return null;
        }

        if (parent.Sha != sha && LineageTrailer.Read(parent.Message) != sha)
        {
            return null;
        }

        Commit? named;
        try
        {
            named = commit.Sha == sha ? null : (parent.Sha == sha ? parent : repo.Lookup<Commit>(sha));
        }
        catch (LibGit2SharpException)
        {
            return null;
        }

        if (named is null)
        {
            return null;
        }

        if (!SameOutside(commit.Tree, parent.Tree, segments, 0))
        {
            return null;
        }

        if (!SameOutside(commit.Tree, named.Tree, segments, 0))
        {
            return null;
        }
        // The named commit must be where the walk stops: a root, or a change to the code.
        if (named.Parents.FirstOrDefault() is { } before && SameOutside(named.Tree, before.Tree, segments, 0))
        {
            return null;
        }

        return named;
    }

    internal static bool SameOutside(Tree a, Tree b, string[] segments, int depth)
    {
        if (a.Id == b.Id)
        {
            return true;
        }

        var name = segments[depth];
        var names = a.Select(e => e.Name).Union(b.Select(e => e.Name), StringComparer.Ordinal);
        foreach (var n in names)
        {
            var ea = a[n];
            var eb = b[n];
            if (n == name)
            {
                if (depth == segments.Length - 1)
                {
                    continue;
                }

                if (ea?.Target is Tree ta && eb?.Target is Tree tb)
                {
                    if (!SameOutside(ta, tb, segments, depth + 1))
                    {
                        return false;
                    }

                    continue;
                }

                // The folder holding the registry appeared or vanished: fine if it holds nothing but the registry.
                if ((ea is null ? eb : eb is null ? ea : null)?.Target is Tree only)
                {
                    if (!OnlyRegistry(only, segments, depth + 1))
                    {
                        return false;
                    }

                    continue;
                }
            }

            if (ea is null || eb is null || ea.Target.Id != eb.Target.Id || ea.Mode != eb.Mode)
            {
                return false;
            }
        }

        return true;
    }

    private static bool OnlyRegistry(Tree t, string[] segments, int depth) =>
        t.All(e => e.Name == segments[depth] && (depth == segments.Length - 1 || (e.Target is Tree sub && OnlyRegistry(sub, segments, depth + 1))));
}
