using Pipeline.Core.Lineage;
using System.Numerics;
using Pipeline.Core.Canonical;
using Pipeline.Core.Tracking;
using Pipeline.Core.Yaml;

namespace Pipeline.Core.Project;

/// <summary>
/// <c>pipeline.yaml</c> at the repository root (docs/design.md §8): project defaults that command-line options override.
/// Every key is optional; an unknown key is refused with its line (PIPE0010) so a typo never silently falls back to
/// a default. Schema (docs/lineage-sources.md):
/// <code>
/// registry: {folder: registry, branch: model-registry}
/// gate: {file: gate.yaml, protected_ref: main}
/// lineage:
///   dvc_lock: dvc.lock            # or data_version: sft-mix-v3 (a label)
///   dvc_stages: [train]
///   dvc_files: [data/data.xml.dvc]
///   config: params.yaml#train     # or config_from_dvc_params: true
///   base_model: Qwen/Qwen3-8B
///   seed: 0
/// aliases:                        # a list of names, or a map name -> {movers: [github logins]}
///   production: {movers: [alice]}
///   staging: {}
/// </code>
/// </summary>
public sealed record ProjectConfig
{
    public const string FileName = "pipeline.yaml";

    public const string DefaultRegistryFolder = "registry";

    public const string DefaultGateFile = "gate.yaml";

    /// <summary>Where the file was read from, or null when the defaults apply (no pipeline.yaml).</summary>
    public string? File { get; init; }

    public string RegistryFolder { get; init; } = DefaultRegistryFolder;

    /// <summary>The registry branch; null means the checked-out branch.</summary>
    public string? RegistryBranch { get; init; }

    public string GateFile { get; init; } = DefaultGateFile;

    /// <summary>The ref the gate file is read from; null means the PR's base or the default branch.</summary>
    public string? ProtectedRef { get; init; }

    public LineageDefaults Lineage { get; init; } = new();

    /// <summary>The aliases that may be assigned, or null when pipeline.yaml does not restrict them.</summary>
    public IReadOnlyList<AliasRule>? Aliases { get; init; }

    /// <summary>Series names mapped to the names each source writes (<c>metrics: {loss: [train/loss, loss]}</c>).</summary>
    public Pipeline.Core.Tracking.MetricNames MetricNames { get; init; } = Pipeline.Core.Tracking.MetricNames.None;

    /// <summary>Where committed series go past a size (<c>runs: {series: git|lfs|dvc, series_max_bytes: N}</c>).</summary>
    public SeriesPolicy Series { get; init; } = SeriesPolicy.Default;

    public static ProjectConfig Default { get; } = new();

    /// <summary>Reads <c>pipeline.yaml</c> in <paramref name="repoRoot"/>, or the defaults when there is none.</summary>
    public static ProjectConfig Load(string repoRoot)
    {
        var path = Path.Combine(repoRoot, FileName);
        return System.IO.File.Exists(path) || System.IO.Directory.Exists(path)
            ? Parse(Canonical.SourceText.ReadFile(path, FileName), FileName)
            : Default;
    }

    public static ProjectConfig Parse(ReadOnlySpan<byte> utf8, string file) => From(YamlReader.Parse(utf8, file), file);

    public static ProjectConfig From(Value document, string file)
    {
        if (document is NullValue)
        {
            return Default with { File = file };
        }

        var root = new Section(document, "", file);
        root.Allow("registry", "gate", "lineage", "aliases", "metrics", "runs");
        var registry = root.Child("registry");
        registry?.Allow("folder", "branch");
        var gate = root.Child("gate");
        gate?.Allow("file", "protected_ref");
        var lineage = root.Child("lineage");
        lineage?.Allow("dvc_lock", "dvc_stages", "dvc_files", "data_version", "config", "config_from_dvc_params", "base_model", "seed");

        return new ProjectConfig
        {
            File = file,
            RegistryFolder = InsideRepository(registry?.String("folder"), registry?.Raw("folder"), file) ?? DefaultRegistryFolder,
            RegistryBranch = registry?.String("branch"),
            GateFile = gate?.String("file") ?? DefaultGateFile,
            ProtectedRef = gate?.String("protected_ref"),
            Lineage = lineage is null ? new LineageDefaults() : new LineageDefaults
            {
                DvcLock = lineage.String("dvc_lock"),
                DvcStages = lineage.Strings("dvc_stages"),
                DvcFiles = lineage.Strings("dvc_files"),
                DataVersion = lineage.String("data_version"),
                Config = lineage.String("config"),
                ConfigFromDvcParams = lineage.Bool("config_from_dvc_params") ?? false,
                BaseModel = lineage.String("base_model") is { } b && !LineageSourceOptions.IsConfigReference(b) ? b : null,
                BaseModelFrom = lineage.String("base_model") is { } r && LineageSourceOptions.IsConfigReference(r) ? r : null,
                Seed = lineage.Raw("seed") is StringValue ? null : lineage.Integer("seed"),
                SeedFrom = lineage.Raw("seed") is StringValue seedRef ? SeedReference(seedRef, file) : null,
            },
            Aliases = ReadAliases(root, file),
            MetricNames = MetricNamesSection.Read(root.Raw("metrics"), file),
            Series = ReadSeriesPolicy(root.Child("runs"), file),
        };
    }

    private static SeriesPolicy ReadSeriesPolicy(Section? runs, string file)
    {
        if (runs is null)
        {
            return SeriesPolicy.Default;
        }

        runs.Allow("series", "series_max_bytes");
        var store = runs.String("series") switch
        {
            null or "git" => SeriesStore.Git,
            "lfs" => SeriesStore.Lfs,
            "dvc" => SeriesStore.Dvc,
            _ => throw Section.WrongType("runs.series", "git, lfs or dvc", file, runs.Raw("series")?.Line ?? 0),
        };
        var max = runs.Integer("series_max_bytes");
        if (max is { } m && (m < 0 || m > long.MaxValue))
        {
            throw Section.WrongType("runs.series_max_bytes", "a size in bytes (0 or more)", file, runs.Raw("series_max_bytes")?.Line ?? 0);
        }

        return new SeriesPolicy(store, max is { } bytes ? (long)bytes : SeriesPolicy.DefaultMaxGitBytes);
    }

    /// <summary><c>seed: params.yaml#train.seed</c>: a config key (parsed as --config is); anything else as a string is a type error.</summary>
    private static string SeedReference(StringValue value, string file) =>
        LineageSourceOptions.SplitConfigSpec(value.Value) is { Key: not null, Path.Length: > 0 }
            ? value.Value
            : throw Section.WrongType("lineage.seed", "an integer or a config key PATH#key (e.g. params.yaml#train.seed)", file, value.Line);

    /// <summary>The registry folder must stay inside the repository: records and the run ledger are written under it.</summary>
    private static string? InsideRepository(string? folder, Value? node, string file)
    {
        if (folder is null)
        {
            return null;
        }

        var rooted = folder.StartsWith('/') || folder.StartsWith('\\') || (folder.Length >= 2 && folder[1] == ':' && char.IsAsciiLetter(folder[0]));
        if (rooted || folder.Split('/', '\\').Contains(".."))
        {
            throw Section.WrongType("registry.folder", "a folder inside the repository (relative, without '..')", file, node?.Line ?? 0);
        }

        return folder;
    }

    /// <summary>True when pipeline.yaml allows <paramref name="alias"/> (no aliases section: every alias is allowed).</summary>
    public bool AllowsAlias(string alias) => Aliases is null || Aliases.Any(a => a.Name == alias);

    private static IReadOnlyList<AliasRule>? ReadAliases(Section root, string file)
    {
        var value = root.Raw("aliases");
        switch (value)
        {
            case null or NullValue:
                return null;
            case ArrayValue list:
                return list.Items.Select((item, i) => item is StringValue s
                    ? new AliasRule(s.Value, [])
                    : throw Section.WrongType($"aliases[{i}]", "an alias name (string)", file, item.Line)).ToArray();
            case ObjectValue map:
                return map.Members.Select(m =>
                {
                    var rule = new Section(
                        m.Value is NullValue ? new ObjectValue(Array.Empty<Member>()) { Line = m.Line } : m.Value,
                        "aliases." + m.Key,
                        file);
                    rule.Allow("movers");
                    return new AliasRule(m.Key, rule.Strings("movers"));
                }).ToArray();
            default:
                throw Section.WrongType("aliases", "a list of names or a mapping of name to {movers: [...]}", file, value.Line);
        }
    }
}

/// <summary>The lineage sources pipeline.yaml may default (every one can be overridden on the command line).</summary>
public sealed record LineageDefaults
{
    public string? DvcLock { get; init; }

    public IReadOnlyList<string> DvcStages { get; init; } = [];

    public IReadOnlyList<string> DvcFiles { get; init; } = [];

    /// <summary>An explicit data-version label (recorded as unverifiable).</summary>
    public string? DataVersion { get; init; }

    /// <summary>PATH or PATH#key.</summary>
    public string? Config { get; init; }

    public bool ConfigFromDvcParams { get; init; }

    public string? BaseModel { get; init; }

    public BigInteger? Seed { get; init; }

    /// <summary><c>PATH#key</c>: the seed is read from that config key at the lineage commit.</summary>
    public string? SeedFrom { get; init; }

    /// <summary><c>PATH#key</c> (PATH a .yaml/.yml/.json file): the base model is read from that config key.</summary>
    public string? BaseModelFrom { get; init; }
}

/// <summary>An alias pipeline.yaml allows, with who may move it (empty: anyone the gate lets through).</summary>
public sealed record AliasRule(string Name, IReadOnlyList<string> Movers);
