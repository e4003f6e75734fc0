using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Pipeline.Core.Canonical;

namespace Pipeline.Core.Tests.Canonical;

/// <summary>
/// The CPython 3.11 vectors in tests/fixtures/canonical. Where Python accepts what Pipeline refuses on purpose
/// (docs/design.md §2: NaN/Infinity, including 1e400 which Python reads as inf; duplicate keys, where Python keeps the
/// last) the expectation becomes the refusal with its PIPE code.
/// </summary>
public sealed partial class FixtureVectorTests
{
    [Fact]
    public void Lineage_vectors_give_the_python_fingerprint()
    {
        var vectors = Load("python_json_vectors.jsonl", "lineage");
        VectorCheck.AssertAll(vectors, 122);
        // NaN/inf/-inf as Python objects and as raw literals, 1e400, -1e400, and one duplicate-key line.
        Assert.Equal(9, vectors.Count(v => v.Refuse is not null));
    }

    [Fact]
    public void Value_vectors_give_the_python_canonical_text()
    {
        var vectors = Load("python_json_value_vectors.jsonl", "value");
        VectorCheck.AssertAll(vectors, 106);
        Assert.Equal(9, vectors.Count(v => v.Refuse is not null));
    }

    [Fact]
    public void Float_repr_matches_c_python_for_every_fixture_double()
    {
        var failures = new List<string>();
        var count = 0;
        foreach (var line in File.ReadLines(RepoPaths.Fixture("canonical", "python_float_repr_vectors.jsonl")))
        {
            using var doc = JsonDocument.Parse(line);
            var bits = ulong.Parse(doc.RootElement.GetProperty("bits").GetString()!, NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            var expected = doc.RootElement.GetProperty("repr").GetString()!;
            var d = BitConverter.UInt64BitsToDouble(bits);
            count++;
            var repr = PythonFloat.Repr(d);
            if (repr != expected)
            {
                failures.Add($"{bits:x16}: {repr} != {expected}");
                continue;
            }

            // The reader must give back the same double, and the writer the same text.
            var reread = JsonReader.Parse(expected, "repr");
            if (CanonicalJson.Write(reread) != expected)
            {
                failures.Add($"{bits:x16}: reread as {CanonicalJson.Write(reread)}");
            }
        }

        Assert.Equal(9967, count);
        Assert.True(failures.Count == 0, $"{failures.Count} failures:\n" + string.Join("\n", failures.Take(25)));
    }

    private static List<VectorRecord> Load(string file, string kind) =>
        VectorRecord.ReadAll(RepoPaths.Fixture("canonical", file), kind).Select(Expectation).ToList();

    /// <summary>The fixture says what Python prints; this says where Pipeline refuses instead, and with which code.</summary>
    private static VectorRecord Expectation(VectorRecord v)
    {
        var outsideStrings = StringLiteral().Replace(v.Canonical!, "\"\"");
        if (NonFinite().IsMatch(outsideStrings))
        {
            return v with { Refuse = "PIPE2004" };
        }

        if (v.Name.Contains("dup_keys", StringComparison.Ordinal))
        {
            return v with { Refuse = "PIPE2002" };
        }

        return v;
    }

    [GeneratedRegex("\"(?:[^\"\\\\]|\\\\.)*\"")]
    private static partial Regex StringLiteral();

    [GeneratedRegex(@"\bNaN\b|\bInfinity\b")]
    private static partial Regex NonFinite();
}
