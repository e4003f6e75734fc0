using Pipeline.Core.Gate;
using Pipeline.Core.Registry;
using Pipeline.Git.Registry;

namespace Pipeline.Git.Gate;

/// <summary>The gate's view of the registry store: records read at the commit their version tag points at, aliases from tags.</summary>
public sealed class RegistryGateSource(RegistryStore store) : IGateRegistry
{
    public RegistryStore Store { get; } = store;

    public Contender? Version(string model, string version) =>
        Store.Record(model, SemVer.Parse(version)) is { } record ? RecordContender.From(record) : null;

    public string? Champion(string model, string alias) =>
        Store.State(model).Aliases.GetValueOrDefault(alias)?.ToString();
}
