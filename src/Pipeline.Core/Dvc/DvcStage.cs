using Pipeline.Core.Canonical;

namespace Pipeline.Core.Dvc;

/// <summary>One stage of a dvc.lock: its deps and outs (paths already repository-relative) and its recorded params.</summary>
public sealed record DvcStage(string Name, int Line, IReadOnlyList<DvcEntry> Deps, IReadOnlyList<DvcEntry> Outs, ObjectValue? Params);
