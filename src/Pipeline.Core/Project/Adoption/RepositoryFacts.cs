using Pipeline.Core.Canonical;

namespace Pipeline.Core.Project.Adoption;

/// <summary>
/// What <c>pipeline init</c> read from an existing repository: the parsed DVC and params files (null when absent) and
/// where the repository stands. Pure data, so the proposal can be tested without a disk.
/// </summary>
public sealed record RepositoryFacts(
    Value? DvcYaml,
    Dvc.DvcLock? DvcLock,
    Value? Params,
    string? Branch,
    string FolderName);
