using System.Runtime.CompilerServices;
using System.Text;
using LibGit2Sharp;
using Pipeline.Core.Diagnostics;
using Pipeline.Core.Registry;
using Pipeline.Git.Reading;

namespace Pipeline.Git.Registry;

using Repository = LibGit2Sharp.Repository;

/// <summary>
/// The registry in one git repository: version records under <c>&lt;registryDir&gt;/&lt;model&gt;/</c> on a branch, and
/// GTO-compatible tags. Every per-model read touches only that model's refs (prefix lookups) and its own folder of the
/// tree, so its cost does not grow with the number of models or tags (see bench/registry).
/// </summary>
public sealed partial class RegistryStore
{
    public RegistryStore(string repoPath, string registryDir = "registry", string? branch = null)
    {
        var found = Native.GitDiscovery.GitDir(repoPath)
            ?? throw new PipelineException(PipeCodes.NotARepository, $"'{repoPath}' is not inside a git repository");
        GitDir = found.TrimEnd('/', '\\');
        var common = Path.Combine(GitDir, "commondir");
        CommonDir = File.Exists(common) ? Path.GetFullPath(File.ReadAllText(common).Trim(), GitDir) : GitDir;
        using var repo = new Repository(GitDir);
        RepoPath = repo.Info.WorkingDirectory?.TrimEnd('/', '\\') ?? GitDir;
        RegistryDir = registryDir.Trim('/');
        if (RegistryDir.Length == 0 || RegistryDir.Split('/').Any(p => p is "" or "." or ".." or ".git"))
        {
            throw new PipelineException(PipeCodes.UsageError, $"--registry-dir '{registryDir}' must be a relative folder inside the repository");
        }

        Branch = branch
            ?? (repo.Head.IsCurrentRepositoryHead
                && repo.Refs.Head is SymbolicReference s
                && s.TargetIdentifier.StartsWith("refs/heads/", StringComparison.Ordinal)
            ? s.TargetIdentifier["refs/heads/".Length..]
            : null);
    }

    /// <summary>The working tree root (or the git dir of a bare repository).</summary>
    public string RepoPath { get; }

    public string GitDir { get; }

    /// <summary>Where refs live (differs from <see cref="GitDir"/> in a linked worktree).</summary>
    public string CommonDir { get; }

    public string RegistryDir { get; }

    /// <summary>The branch holding the records; null when HEAD is detached and none was given.</summary>
    public string? Branch { get; }

    internal string RequireBranch() => Branch ?? throw new PipelineException(PipeCodes.NoBranch, "HEAD is detached and no --branch was given");

    internal Repository Open() => new(GitDir);

    /// <summary>
    /// The model's state from its own tags only. <paramref name="withMessages"/> reads every tag object (tagger, time,
    /// message: what history shows); without it, resolution uses packed-refs' peeled lines and reads no objects.
    /// </summary>
    public ModelState State(string model, bool withMessages = false) => GitFailure.Translate(() =>
    {
        RegistryNames.Model(model);
        using var repo = Open();
        return ModelState.From(model, ReadTags(repo, model, withMessages));
    });

    /// <summary>Every model's state from one pass over the tags (list, doctor): no per-model lookups.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public IReadOnlyDictionary<string, ModelState> AllStates()
    {
        using var repo = Open();
        using var types = PackedObjectTypes.Open(Path.Combine(CommonDir, "objects"));
        var byModel = new Dictionary<string, List<TagInfo>>(StringComparer.Ordinal);
        // Refs come sorted, so a model's tags are adjacent: its name is cut out and validated once, not once per tag.
        string? model = null;
        List<TagInfo>? tags = null;
        foreach (var entry in TagRefs.All(CommonDir, "refs/tags/"))
        {
            var name = entry.Name["refs/tags/".Length..];
            var cut = name.AsSpan().IndexOfAny('@', '#');
            if (cut <= 0)
            {
                continue;
            }

            if (model is null || !name.AsSpan(0, cut).SequenceEqual(model))
            {
                model = name[..cut];
                tags = null;
                if (RegistryNames.IsValid(model) && !byModel.TryGetValue(model, out tags))
                {
                    byModel[model] = tags = [];
                }
            }

            if (tags is null || ToTagInfo(repo, name, entry, withMessage: false, types) is not { } info)
            {
                continue;
            }

            tags.Add(info);
        }

        return byModel.ToDictionary(p => p.Key, p => ModelState.From(p.Key, p.Value), StringComparer.Ordinal);
    }

    internal IEnumerable<TagInfo> ReadTags(Repository repo, string model, bool withMessages = false)
    {
        var refs = TagRefs.WithPrefix(CommonDir, $"refs/tags/{model}@").Concat(TagRefs.WithPrefix(CommonDir, $"refs/tags/{model}#"));
        foreach (var entry in refs)
        {
            var info = ToTagInfo(repo, entry.Name["refs/tags/".Length..], entry, withMessages);
            if (info is not null)
            {
                yield return info;
            }
        }
    }

    private static TagInfo? ToTagInfo(Repository repo, string name, TagRefs.Entry entry, bool withMessage, PackedObjectTypes? types = null) =>
        !withMessage && entry.PeelKnown
            ? new TagInfo(name, entry.Peeled ?? entry.Id, entry.Peeled is not null, null, null, null, IsCommit(repo, entry.Peeled ?? entry.Id, types))
            : ToTagInfo(repo, name, entry.Id);

    /// <summary>
    /// A tag on a tree or blob (hand-made or hostile) is kept with <see cref="TagInfo.TargetIsCommit"/> false, not
    /// dropped: its counter must still count, and doctor must see it.
    /// </summary>
    internal static TagInfo? ToTagInfo(Repository repo, string name, string id)
    {
        var obj = repo.Lookup(id);
        return obj switch
        {
            TagAnnotation t => Peel(t) is { } c
                ? new TagInfo(name, c.Sha, true, $"{t.Tagger?.Name} <{t.Tagger?.Email}>", t.Tagger?.When, t.Message)
                : new TagInfo(name, "", true, $"{t.Tagger?.Name} <{t.Tagger?.Email}>", t.Tagger?.When, t.Message, TargetIsCommit: false),
            Commit c => new TagInfo(name, c.Sha, false, null, null, null),
            null => null,
            _ => new TagInfo(name, "", false, null, null, null, TargetIsCommit: false),
        };
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool IsCommit(Repository repo, string sha, PackedObjectTypes? types)
    {
        if (types?.TypeOf(sha) is int type)
        {
            return type == PackedObjectTypes.Commit;
        }

        try
        {
            return repo.ObjectDatabase.RetrieveObjectMetadata(new ObjectId(sha)).Type == ObjectType.Commit;
        }
        catch (LibGit2SharpException)
        {
            return false;
        }
    }

    private static Commit? Peel(TagAnnotation t)
    {
        GitObject target = t.Target;
        for (var i = 0; i < 10 && target is TagAnnotation inner; i++)
        {
            target = inner.Target;
        }

        return target as Commit;
    }

    /// <summary>The record of a version: from the commit its tag points at (where it was added), else from the branch.</summary>
    public VersionRecord? Record(string model, SemVer version, ModelState? state = null) => GitFailure.Translate(() =>
    {
        using var repo = Open();
        return Record(repo, model, version, state ?? ModelState.From(model, ReadTags(repo, model)));
    });

    internal VersionRecord? Record(Repository repo, string model, SemVer version, ModelState state)
    {
        var path = VersionRecord.PathOf(RegistryDir, model, version);
        var tag = state.TagOf(version);
        var fromTag = tag is null ? null : repo.Lookup<Commit>(tag.TargetCommit)?[path]?.Target as Blob;
        var blob = fromTag ?? (BranchCommit(repo)?[path]?.Target as Blob);
        return blob is null ? null : VersionRecordJson.Read(Content(blob), path);
    }

    /// <summary>
    /// Every record of the model on the branch (its own folder only). A record that does not read throws, unless
    /// <paramref name="unreadable"/> takes it (doctor reports every broken file instead of stopping at the first).
    /// </summary>
    internal IReadOnlyList<VersionRecord> RecordsOnBranch(Repository repo, string model, Action<PipelineException>? unreadable = null) =>
        RecordsAt(BranchCommit(repo), model, unreadable);

    /// <summary>As <see cref="RecordsOnBranch"/>, at any commit (a proposal reads the remote's default branch).</summary>
    internal IReadOnlyList<VersionRecord> RecordsAt(Commit? commit, string model, Action<PipelineException>? unreadable = null)
    {
        if (commit?[$"{RegistryDir}/{model}"]?.Target is not Tree tree)
        {
            return [];
        }

        var records = new List<VersionRecord>();
        foreach (var entry in tree)
        {
            if (entry.Target is Blob blob && entry.Name.EndsWith(".json", StringComparison.Ordinal) && SemVer.TryParse(entry.Name[..^5], out _))
            {
                try
                {
                    records.Add(VersionRecordJson.Read(Content(blob), $"{RegistryDir}/{model}/{entry.Name}"));
                }
                catch (PipelineException ex) when (unreadable is not null)
                {
                    unreadable(ex);
                }
            }
        }

        return records;
    }

    internal Commit? BranchCommit(Repository repo) =>
        Branch is null ? repo.Head.Tip : repo.Refs[$"refs/heads/{Branch}"]?.ResolveToDirectReference()?.Target as Commit;

    internal static byte[] Content(Blob blob)
    {
        using var stream = blob.GetContentStream();
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    /// <summary>Model names: folders of the registry tree holding version records, plus models known only from tags.</summary>
    public IReadOnlyList<string> Models() => Models(null);

    /// <summary>As <see cref="Models()"/>, reusing states already read from one pass over the tags.</summary>
    public IReadOnlyList<string> Models(IReadOnlyDictionary<string, ModelState>? states)
    {
        using var repo = Open();
        var names = new SortedSet<string>(StringComparer.Ordinal);
        if (states is not null)
        {
            names.UnionWith(states.Where(p => p.Value.Versions.Count > 0).Select(p => p.Key));
        }

        if (BranchCommit(repo)?[RegistryDir]?.Target is Tree root)
        {
            WalkCached(root, names);
        }

        if (states is not null)
        {
            return names.ToArray();
        }

        foreach (var entry in TagRefs.All(CommonDir, "refs/tags/"))
        {
            var tag = entry.Name["refs/tags/".Length..];
            if (RegistryTag.TryParse(tag, out var parsed) && RegistryNames.IsValid(parsed.Model) && parsed.Action == TagAction.Register)
            {
                names.Add(parsed.Model);
            }
        }

        return names.ToArray();
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    /// <summary>
    /// As <see cref="Walk"/> from the registry root, one top-level folder at a time through <see cref="ModelFolderCache"/>:
    /// a folder whose tree is unchanged since the last listing is not read again.
    /// </summary>
    private void WalkCached(Tree root, SortedSet<string> names)
    {
        var cache = ModelFolderCache.Load(CommonDir);
        foreach (var entry in root)
        {
            if (entry.TargetType != TreeEntryTargetType.Tree || entry.Name == "runs" || entry.Target is not Tree tree)
            {
                continue;
            }

            var name = entry.Name;
            var folders = cache.Folders(tree.Sha, () =>
            {
                var found = new SortedSet<string>(StringComparer.Ordinal);
                Walk(tree, name + "/", found);
                return found.Select(f => f.Length == name.Length ? "" : f[(name.Length + 1)..]).ToArray();
            });
            foreach (var f in folders)
            {
                names.Add(f.Length == 0 ? name : name + "/" + f);
            }
        }

        cache.Save();
    }

    private static void Walk(Tree tree, string prefix, SortedSet<string> names)
    {
        var folder = prefix.Length > 0 ? prefix[..^1] : null;
        foreach (var entry in tree)
        {
            // TargetType comes from the entry's mode: asking for Target would look up every record's blob (100,000 reads).
            if (entry.TargetType == TreeEntryTargetType.Tree && !(prefix.Length == 0 && entry.Name == "runs") && entry.Target is Tree sub)
            {
                Walk(sub, prefix + entry.Name + "/", names);
            }
            else if (folder is not null && entry.TargetType == TreeEntryTargetType.Blob && entry.Name.EndsWith(".json", StringComparison.Ordinal)
                && !names.Contains(folder) && SemVer.TryParse(entry.Name[..^5], out _))
            {
                names.Add(folder);
            }
        }
    }

    internal static string Utf8(byte[] bytes) => Encoding.UTF8.GetString(bytes);
}
