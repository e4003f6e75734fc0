using System.Globalization;
using System.Text.Json;
using FsCheck.Xunit;
using Pipeline.Core.Canonical;

namespace Pipeline.Core.Tests.Canonical;

/// <summary>PythonFloat.Repr against the definition: it round-trips, and it equals a slow exact reference.</summary>
public sealed class PythonFloatProperties
{
    [Property(Arbitrary = [typeof(CanonicalArbs)], MaxTest = 20_000)]
    public void Repr_reads_back_to_the_same_double(AnyDouble d)
    {
        var repr = PythonFloat.Repr(d.Value);
        var back = double.Parse(repr, CultureInfo.InvariantCulture);
        Assert.Equal(BitConverter.DoubleToInt64Bits(d.Value), BitConverter.DoubleToInt64Bits(back));
    }

    [Property(Arbitrary = [typeof(CanonicalArbs)], MaxTest = 1_500)]
    public void Repr_equals_the_exact_reference(AnyDouble d) =>
        Assert.Equal(ExactFloatRepr.Repr(d.Value), PythonFloat.Repr(d.Value));

    [Property(MaxTest = 1_500)]
    public void Repr_equals_the_exact_reference_for_short_decimals(int mantissa, byte exponent)
    {
        // Values typed by people (0.1, 2e-5, 123.456) sit where shortest-digit bugs hide.
        var d = double.Parse($"{mantissa}e{exponent % 80 - 40}", CultureInfo.InvariantCulture);
        Assert.Equal(ExactFloatRepr.Repr(d), PythonFloat.Repr(d));
    }

    [Fact]
    public void Repr_equals_the_exact_reference_for_every_power_of_two_and_its_neighbours()
    {
        for (var k = -1074; k <= 1023; k++)
        {
            var x = Math.ScaleB(1.0, k);
            foreach (var d in new[] { x, Math.BitDecrement(x), Math.BitIncrement(x) })
            {
                if (d == 0 || !double.IsFinite(d))
                {
                    continue;
                }

                Assert.True(ExactFloatRepr.Repr(d) == PythonFloat.Repr(d), $"2^{k} neighbour {d:R}");
            }
        }
    }

    [Fact]
    public void The_reference_itself_agrees_with_c_python_on_the_fixture_sample()
    {
        // The reference is only worth trusting if it reproduces CPython: check it on every 10th fixture double.
        var n = 0;
        foreach (var line in File.ReadLines(RepoPaths.Fixture("canonical", "python_float_repr_vectors.jsonl")).Where((_, i) => i % 10 == 0))
        {
            using var doc = JsonDocument.Parse(line);
            var bits = ulong.Parse(doc.RootElement.GetProperty("bits").GetString()!, NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            Assert.Equal(doc.RootElement.GetProperty("repr").GetString(), ExactFloatRepr.Repr(BitConverter.UInt64BitsToDouble(bits)));
            n++;
        }

        Assert.True(n > 900);
    }

    [Theory]
    [InlineData(0x3E60000000000000UL, "2.9802322387695312e-08")] // 2^-25: the runtime's "R" prints ...531E-08
    [InlineData(0x0410000000000000UL, "4.1045368012983762e-289")] // 2^-958: likewise
    [InlineData(0x3EE4F8B588E368F1UL, "1e-05")]
    [InlineData(0x3F1A36E2EB1C432DUL, "0.0001")]
    [InlineData(0x4341C37937E08000UL, "1e+16")]
    [InlineData(0x4341C37937E07FFFUL, "9999999999999998.0")]
    [InlineData(0x8000000000000000UL, "-0.0")]
    [InlineData(0x0000000000000001UL, "5e-324")]
    [InlineData(0x7FEFFFFFFFFFFFFFUL, "1.7976931348623157e+308")]
    public void Known_hard_cases(ulong bits, string expected) =>
        Assert.Equal(expected, PythonFloat.Repr(BitConverter.UInt64BitsToDouble(bits)));
}
