using System.Text;
using Pipeline.Core.Canonical;
using Pipeline.Core.Diagnostics;
using Pipeline.Core.Lineage;

namespace Pipeline.Core.Tests.Canonical;

/// <summary>
/// Runs vectors through the real path (UTF-8 bytes → JsonReader → CanonicalJson or Fingerprint) and collects every
/// mismatch, so one failing test names all failing lines at once instead of stopping at the first.
/// </summary>
internal static class VectorCheck
{
    /// <summary>Null when the vector holds, else what went wrong.</summary>
    public static string? Check(VectorRecord v)
    {
        try
        {
            var value = JsonReader.Parse(Encoding.UTF8.GetBytes(v.InputJson), v.Name);
            string canonical;
            string sha;
            if (v.Kind == "lineage")
            {
                var lineage = Fingerprint.AsLineage(value, v.Name);
                canonical = Fingerprint.Canonical(lineage, v.Name);
                sha = Fingerprint.Compute(lineage, v.Name);
            }
            else
            {
                canonical = CanonicalJson.Write(value);
                sha = Fingerprint.Sha256Hex(canonical);
            }

            if (v.Refuse is not null)
            {
                return $"expected {v.Refuse}, got canonical {Short(canonical)}";
            }

            if (canonical != v.Canonical)
            {
                return $"canonical {Short(canonical)} != expected {Short(v.Canonical!)}";
            }

            if (sha != v.Sha256)
            {
                return $"sha256 {sha} != {v.Sha256}";
            }

            return null;
        }
        catch (PipelineException ex)
        {
            if (v.Refuse is null)
            {
                return $"refused with {ex.Code.Id}: {ex.Message}";
            }

            if (ex.Code.Id != v.Refuse)
            {
                return $"refused with {ex.Code.Id} ({ex.Message}), expected {v.Refuse}";
            }

            if (v.Message is not null && ex.Message != v.Message)
            {
                return $"message '{ex.Message}' != '{v.Message}'";
            }

            if (ex.File != v.Name)
            {
                return $"diagnostic names file '{ex.File}', expected '{v.Name}'";
            }

            return null;
        }
    }

    public static void AssertAll(IEnumerable<VectorRecord> vectors, int minimumCount)
    {
        var list = vectors.ToList();
        Assert.True(list.Count >= minimumCount, $"only {list.Count} vectors, expected at least {minimumCount}");
        var failures = list.Select(v => (v, error: Check(v))).Where(x => x.error is not null).ToList();
        Assert.True(
            failures.Count == 0,
            $"{failures.Count} of {list.Count} vectors failed:\n" +
            string.Join("\n", failures.Take(25).Select(f => $"  {f.v}: {f.error}")));
    }

    private static string Short(string s) => s.Length <= 120 ? s : s[..100] + $"…({s.Length} chars)";
}
