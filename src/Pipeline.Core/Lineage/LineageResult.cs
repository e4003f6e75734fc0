using Pipeline.Core.Canonical;
using Pipeline.Core.Dvc;

namespace Pipeline.Core.Lineage;

/// <summary>
/// A lineage built from the repository: <see cref="Lineage"/> (the REQUIRED fields, plus <c>"dirty": true</c> outside
/// them when allowed), the <see cref="Sources"/> a verifier re-reads at <c>code_commit</c>, and the fingerprint.
/// <see cref="Data"/> is null for a label data version.
/// </summary>
public sealed record LineageResult(ObjectValue Lineage, ObjectValue Sources, string Fingerprint, DataInputs? Data);
