using System.Runtime.CompilerServices;

namespace Pipeline.Core.Registry;

/// <summary>
/// A model's registry state rebuilt from its own tags only (<c>refs/tags/&lt;model&gt;@*</c> and <c>#*</c>): versions and
/// the commits they were registered at, deregistrations, deprecation, alias events in counter order, the current
/// aliases and the next counter. Lightweight and malformed tags are kept aside for doctor, never trusted.
/// </summary>
public sealed class ModelState
{
    private readonly Dictionary<string, SemVer> _versionAtCommit = new(StringComparer.Ordinal);

    private ModelState(string model)
    {
        Model = model;
    }

    public string Model { get; }

    /// <summary>Registered versions (annotated registration tags), greatest first.</summary>
    public IReadOnlyList<(SemVer Version, TagInfo Tag)> Versions { get; private set; } = [];

    public IReadOnlySet<SemVer> Deregistered { get; private set; } = new HashSet<SemVer>();

    public TagInfo? Deprecation { get; private set; }

    /// <summary>Alias events in counter order (oldest first).</summary>
    public IReadOnlyList<AliasEvent> AliasEvents { get; private set; } = [];

    public IReadOnlyDictionary<string, SemVer> Aliases { get; private set; } = new Dictionary<string, SemVer>();

    public long NextCounter { get; private set; } = 1;

    /// <summary>True when a tag's counter is at the end of the range: no alias event can be written after it.</summary>
    public bool CounterExhausted { get; private set; }

    /// <summary>Tags whose target is not a commit (a tree or a blob): reported as malformed, their counters still count.</summary>
    public IReadOnlyList<TagInfo> NonCommit { get; private set; } = [];

    /// <summary>Every annotated tag of the model that parses, with its parse (history replays these).</summary>
    public IReadOnlyList<(RegistryTag Tag, TagInfo Info)> Annotated { get; private set; } = [];

    public IReadOnlyList<TagInfo> Lightweight { get; private set; } = [];

    public IReadOnlyList<TagInfo> Malformed { get; private set; } = [];

    /// <summary>Commits carrying more than one version of this model (GTO allows one per commit).</summary>
    public IReadOnlyList<string> AmbiguousCommits { get; private set; } = [];

    public bool Exists => Versions.Count > 0 || AliasEvents.Count > 0 || Deprecation is not null;

    public bool IsDeprecated(SemVer v) => Deprecation is not null || Deregistered.Contains(v);

    public TagInfo? TagOf(SemVer v) => Versions.FirstOrDefault(x => x.Version.Equals(v)).Tag;

    public SemVer? VersionAt(string commit) => _versionAtCommit.TryGetValue(commit, out var v) ? v : null;

    /// <summary>The greatest live version (GTO's <c>@latest</c>: SemVer order, not time).</summary>
    public SemVer? Latest => Versions.Select(x => x.Version).FirstOrDefault(v => !IsDeprecated(v));

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static ModelState From(string model, IEnumerable<TagInfo> tags)
    {
        var state = new ModelState(model);
        var versions = new List<(SemVer, TagInfo)>();
        var deregistered = new HashSet<SemVer>();
        var aliasTags = new List<(RegistryTag, TagInfo)>();
        var lightweight = new List<TagInfo>();
        var malformed = new List<TagInfo>();
        var nonCommit = new List<TagInfo>();
        var ambiguous = new SortedSet<string>(StringComparer.Ordinal);
        var annotated = new List<(RegistryTag, TagInfo)>();
        long maxCounter = 0;
        foreach (var info in tags)
        {
            if (!RegistryTag.TryParse(info.Name, out var tag) || tag.Model != model)
            {
                malformed.Add(info);
                continue;
            }

            // Every counter in the namespace counts, even on untrusted tags: the next counter must not collide with any.
            if (tag.Counter is long n && n > maxCounter)
            {
                maxCounter = n;
            }

            if (!info.TargetIsCommit)
            {
                // A tag on a tree or blob names no version and no commit: never a phantom answer, always a finding.
                nonCommit.Add(info);
                continue;
            }

            if (!info.Annotated)
            {
                lightweight.Add(info);
                continue;
            }

            annotated.Add((tag, info));
            switch (tag.Action)
            {
                case TagAction.Register:
                    versions.Add((tag.Version!, info));
                    if (state._versionAtCommit.TryGetValue(info.TargetCommit, out var other) && !other.Equals(tag.Version))
                    {
                        ambiguous.Add(info.TargetCommit);
                        // Deterministic pick: the greater version wins the commit.
                        if (tag.Version!.CompareTo(other) > 0)
                        {
                            state._versionAtCommit[info.TargetCommit] = tag.Version;
                        }
                    }
                    else
                    {
                        state._versionAtCommit[info.TargetCommit] = tag.Version!;
                    }

                    break;
                case TagAction.Deregister:
                    deregistered.Add(tag.Version!);
                    break;
                case TagAction.Deprecate:
                    state.Deprecation ??= info;
                    break;
                case TagAction.Assign or TagAction.Unassign:
                    aliasTags.Add((tag, info));
                    break;
            }
        }

        versions.Sort((a, b) => b.Item1.CompareTo(a.Item1));
        state.Versions = versions;
        state.Deregistered = deregistered;
        state.Lightweight = lightweight;
        state.Annotated = annotated;
        state.Malformed = malformed;
        state.NonCommit = nonCommit;
        state.AmbiguousCommits = ambiguous.ToArray();
        // long.MaxValue marks a counter at or past the end of the range (a hand-made or hostile tag): no next one exists.
        state.CounterExhausted = maxCounter == long.MaxValue;
        state.NextCounter = state.CounterExhausted ? long.MaxValue : maxCounter + 1;

        var events = aliasTags
            .Select(
                t =>
                    new AliasEvent(
                        t.Item1.Alias!,
                        t.Item1.Counter ?? 0,
                        t.Item1.Action == TagAction.Assign,
                        state.VersionAt(t.Item2.TargetCommit),
                        null,
                        t.Item2))
            .ToList();
        events.Sort(AliasResolver.Compare);
        var held = new Dictionary<string, SemVer?>(StringComparer.Ordinal);
        for (var i = 0; i < events.Count; i++)
        {
            var e = events[i];
            held.TryGetValue(e.Alias, out var before);
            events[i] = e with { Previous = before };
            held[e.Alias] = e.Assigned ? e.Version : null;
        }

        state.AliasEvents = events;
        state.Aliases = AliasResolver.Current(events);
        return state;
    }

    /// <summary>The state an assignment of <paramref name="candidate"/> to <paramref name="alias"/> decides on.</summary>
    public AliasState AliasState(string alias, SemVer candidate)
    {
        var history = AliasEvents.Where(e => e.Alias == alias).ToArray();
        var current = history.Length > 0 ? history[^1] : null;
        return new AliasState(Model, alias, current is { Assigned: true } ? current.Version : null, current, candidate, NextCounter, history);
    }
}
