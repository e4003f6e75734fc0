using System.Numerics;

namespace Pipeline.Core.Lineage;

/// <summary>
/// Where each lineage field comes from (docs/design.md §2). Paths are repository-relative and read at the lineage commit.
/// Exactly one config source (<see cref="ConfigPath"/> or <see cref="ConfigFromDvcParams"/>) and one data source
/// (<see cref="DvcLock"/> or <see cref="DataVersionLabel"/>) must be set; the builder refuses anything else.
/// </summary>
public sealed record LineageSourceOptions
{
    public string? ConfigPath { get; init; }

    /// <summary>A top-level key, or a dotted path into nested mappings (the exact key wins if it exists).</summary>
    public string? ConfigKey { get; init; }

    public bool ConfigFromDvcParams { get; init; }

    public string? DvcLock { get; init; }

    public IReadOnlyList<string> DvcStages { get; init; } = [];

    public IReadOnlyList<string> DvcFiles { get; init; } = [];

    public string? DataVersionLabel { get; init; }

    public string? BaseModel { get; init; }

    public BigInteger? Seed { get; init; }

    /// <summary><c>PATH#key</c>: read the seed from that config key (when <see cref="Seed"/> is not given).</summary>
    public string? SeedFrom { get; init; }

    /// <summary><c>PATH#key</c>: read the base model from that config key (when <see cref="BaseModel"/> is not given).</summary>
    public string? BaseModelFrom { get; init; }

    /// <summary>
    /// True when a base_model value is a config reference rather than a model name: <c>PATH#key</c> with PATH a YAML or
    /// JSON file. A model name (<c>Qwen/Qwen3-8B</c>) holds no such form.
    /// </summary>
    public static bool IsConfigReference(string value)
    {
        var (path, key) = SplitConfigSpec(value);
        return key is not null
            && (path.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".yml", StringComparison.OrdinalIgnoreCase)
            || path.EndsWith(".json", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>Splits <c>PATH#key</c> (the form of --config and pipeline.yaml's lineage.config).</summary>
    public static (string Path, string? Key) SplitConfigSpec(string spec)
    {
        var hash = spec.IndexOf('#');
        return hash < 0 ? (spec, null) : (spec[..hash], hash + 1 < spec.Length ? spec[(hash + 1)..] : null);
    }
}
