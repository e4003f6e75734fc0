using Pipeline.Core.Gate;

namespace Pipeline.Git.Gate;

/// <summary>
/// What the gate needs from the registry: a version as a <see cref="Contender"/> (fingerprint, artifact digest, eval
/// results, dirty flag, self-reported metrics) and the version an alias currently points at (the champion).
/// </summary>
public interface IGateRegistry
{
    /// <summary>The registered version, or null when the model has no such version.</summary>
    Contender? Version(string model, string version);

    /// <summary>The version the alias points at now (highest counter, docs/design.md §4), or null when unassigned.</summary>
    string? Champion(string model, string alias);
}
