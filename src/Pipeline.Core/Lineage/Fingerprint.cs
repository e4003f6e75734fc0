using System.Security.Cryptography;
using System.Text;
using Pipeline.Core.Canonical;
using Pipeline.Core.Diagnostics;

namespace Pipeline.Core.Lineage;

/// <summary>
/// <c>sha256_hex(json.dumps({k: lineage[k] for k in REQUIRED}, sort_keys=True, separators=(",", ":")))</c>:
/// the identity of a model's lineage, computable by any Python script with the standard library.
/// </summary>
public static class Fingerprint
{
    /// <summary>The REQUIRED fields only; anything else in the lineage never changes the fingerprint.</summary>
    public static ObjectValue Project(ObjectValue lineage, string? file = null)
    {
        var missing = LineageFields.Required.Where(k => lineage[k] is null).ToArray();
        if (missing.Length > 0)
        {
            throw new PipelineException(
                PipeCodes.BrokenLineage,
                "broken lineage, missing: " + string.Join(", ", missing),
                file,
                lineage.Line > 0 ? lineage.Line : null);
        }

        return new ObjectValue(LineageFields.Required.Select(k => new Member(k, lineage[k]!, lineage.LineOf(k))).ToArray());
    }

    public static string Canonical(ObjectValue lineage, string? file = null) => CanonicalJson.Write(Project(lineage, file));

    public static string Compute(ObjectValue lineage, string? file = null) => Sha256Hex(Canonical(lineage, file));

    public static string Sha256Hex(string ascii) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(ascii)));

    /// <summary>Reads a lineage document (a JSON object, or an object holding one under "lineage").</summary>
    public static ObjectValue AsLineage(Value document, string file)
    {
        if (document is not ObjectValue obj)
        {
            throw new PipelineException(PipeCodes.LineageFieldInvalid, "a lineage must be a JSON object", file, document.Line);
        }

        if (obj[LineageFields.Seed] is null && obj["lineage"] is ObjectValue nested)
        {
            return nested;
        }

        return obj;
    }
}
