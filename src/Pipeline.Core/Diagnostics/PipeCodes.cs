using System.Reflection;

namespace Pipeline.Core.Diagnostics;

/// <summary>
/// The catalogue of every diagnostic code. Each area keeps its codes in its own partial file
/// (<c>PipeCodes.Usage.cs</c>, <c>PipeCodes.Lineage.cs</c>, …) so the catalogue grows without edits colliding;
/// <see cref="All"/> gathers them for docs/diagnostics.md and for the uniqueness test.
/// </summary>
public static partial class PipeCodes
{
    // Lazy: field initialisers of the other partial files may run after this one.
    private static readonly Lazy<IReadOnlyList<PipeCode>> Catalogue = new(() => typeof(PipeCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.FieldType == typeof(PipeCode))
        .Select(f => (PipeCode)f.GetValue(null)!)
        .OrderBy(c => c.Number)
        .ToArray());

    public static IReadOnlyList<PipeCode> All => Catalogue.Value;

    public static PipeCode? Find(string id) => All.FirstOrDefault(c => c.Id == id);
}
