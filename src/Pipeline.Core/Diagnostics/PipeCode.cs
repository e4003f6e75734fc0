namespace Pipeline.Core.Diagnostics;

/// <summary>
/// One entry of the diagnostics catalogue: a stable number, the exit code it implies and the usual fix.
/// Numbers are grouped by area (docs/design.md §6): 0xxx usage/config, 1xxx git, 2xxx lineage/DVC/YAML,
/// 3xxx registry/tags, 4xxx sweep/gate, 5xxx GitHub.
/// </summary>
public sealed record PipeCode(int Number, string Title, int ExitCode, string Fix)
{
    public string Id => $"PIPE{Number:D4}";

    public override string ToString() => Id;
}
