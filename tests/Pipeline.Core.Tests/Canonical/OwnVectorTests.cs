using System.Globalization;
using System.Text.Json;
using Pipeline.Core.Canonical;

namespace Pipeline.Core.Tests.Canonical;

/// <summary>The vectors tests/vectors/gen_vectors.py made with python3 (committed; no python needed here).</summary>
public sealed class OwnVectorTests
{
    [Theory]
    [InlineData("floats.jsonl", 3000)]
    [InlineData("integers.jsonl", 15)]
    [InlineData("strings.jsonl", 90)]
    [InlineData("structure.jsonl", 15)]
    [InlineData("refusals.jsonl", 35)]
    [InlineData("lineages.jsonl", 30)]
    public void Every_vector_holds(string file, int minimum) =>
        VectorCheck.AssertAll(VectorRecord.ReadAll(Path.Combine(RepoPaths.Vectors, file), "value"), minimum);

    [Fact]
    public void Float_vectors_repr_from_their_bits()
    {
        var failures = new List<string>();
        foreach (var line in File.ReadLines(Path.Combine(RepoPaths.Vectors, "floats.jsonl")))
        {
            using var doc = JsonDocument.Parse(line);
            var bits = ulong.Parse(doc.RootElement.GetProperty("bits").GetString()!, NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            var expected = doc.RootElement.GetProperty("canonical").GetString()!;
            var repr = PythonFloat.Repr(BitConverter.UInt64BitsToDouble(bits));
            if (repr != expected)
            {
                failures.Add($"{doc.RootElement.GetProperty("name").GetString()}: {repr} != {expected}");
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(25)));
    }

    [Fact]
    public void The_vector_files_cover_the_boundaries_the_brief_names()
    {
        var names = Directory.GetFiles(RepoPaths.Vectors, "*.jsonl")
            .SelectMany(f => VectorRecord.ReadAll(f, "value"))
            .Select(v => v.Name)
            .ToHashSet();
        foreach (var required in new[]
                 {
                     "pow2_-25", "pow2_-958", "pow10_-4", "pow10_-5", "pow10_16_up1", "pow10_17_down1", "neg_zero",
                     "min_subnormal", "max", "tie_known", "int_pow2_64_plus1", "int_neg_pow2_70", "int_4300_digits",
                     "int_4301_digits", "str_del", "str_astral_emoji", "str_lone_lone_high", "keys_code_point_order",
                     "depth_100", "depth_512", "depth_513", "depth_10000", "lineage_seed_example",
                     "lineage_missing_config_seed",
                 })
        {
            Assert.Contains(required, names);
        }
    }
}
