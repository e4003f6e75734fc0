using System.Text;
using System.Text.Json;
using FsCheck.Xunit;
using Pipeline.Core.Diagnostics;
using Pipeline.Core.Tracking;

namespace Pipeline.Core.Tests.Tracking;

public sealed class SeriesTests
{
    [Fact]
    public void Round_trips_values_exactly_including_non_finite()
    {
        var dir = Directory.CreateTempSubdirectory("pipeline-tracking-").FullName;
        var path = Path.Combine(dir, "x.series.jsonl");
        double[] values = [
            0.1, 1e-300, -0.0, double.NaN, double.PositiveInfinity, double.NegativeInfinity, Math.Pow(2, -25), 123456789012345680.0, double.Epsilon];
        using (var w = new SeriesWriter(path))
        {
            for (var i = 0; i < values.Length; i++)
            {
                w.Write("train/loss", i, 1732540000.25 + i, values[i]);
            }
        }

        var back = new SeriesReader(path).Read().ToArray();
        Assert.Equal(values.Length, back.Length);
        for (var i = 0; i < values.Length; i++)
        {
            Assert.Equal(BitConverter.DoubleToInt64Bits(values[i]), BitConverter.DoubleToInt64Bits(back[i].Value));
            Assert.Equal(i, back[i].Step);
            Assert.Equal("train/loss", back[i].Key);
            Assert.Equal(1732540000.25 + i, back[i].Wall);
        }

        // Every line is strict JSON (what jq and json.loads accept).
        foreach (var line in File.ReadAllLines(path))
        {
            using var doc = JsonDocument.Parse(line);
            Assert.Equal(JsonValueKind.Object, doc.RootElement.ValueKind);
        }
    }

    [Property(Arbitrary = [typeof(Pipeline.Core.Tests.Canonical.CanonicalArbs)], MaxTest = 200)]
    public bool Any_double_round_trips_through_the_series_number_format(Pipeline.Core.Tests.Canonical.AnyDouble any) =>
        double.Parse(SeriesNumber.FormatFinite(any.Value), System.Globalization.CultureInfo.InvariantCulture).Equals(any.Value);

    [Theory]
    [InlineData(1732540000123L, 1732540000.123)]
    [InlineData(1732540000005L, 1732540000.005)]
    [InlineData(0L, 0.0)]
    [InlineData(-1L, -0.001)]
    public void Millisecond_stamps_are_written_as_seconds(long millis, double seconds)
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("pipeline-tracking-").FullName, "m.series.jsonl");
        using (var w = new SeriesWriter(path))
        {
            w.WriteAt("loss", 0, millis, 1.0);
            w.WriteAt("loss", 1, millis, 2.0); // cached stamp
        }

        Assert.All(new SeriesReader(path).Read(), p => Assert.Equal(seconds, p.Wall));
    }

    [Fact]
    public void Torn_last_line_is_skipped_and_reported()
    {
        var dir = Directory.CreateTempSubdirectory("pipeline-tracking-").FullName;
        var path = Path.Combine(dir, "t.series.jsonl");
        File.WriteAllText(path, "{\"s\":0,\"k\":\"loss\",\"v\":1.5}\n{\"s\":1,\"k\":\"loss\",\"v\":1.2}\n{\"s\":2,\"k\":\"lo");
        var reader = new SeriesReader(path);
        var points = reader.Read().ToArray();
        Assert.Equal(2, points.Length);
        Assert.Equal(3, reader.TornLine);
    }

    [Fact]
    public void Corrupt_line_in_the_middle_is_an_error_naming_the_line()
    {
        var dir = Directory.CreateTempSubdirectory("pipeline-tracking-").FullName;
        var path = Path.Combine(dir, "c.series.jsonl");
        File.WriteAllText(path, "{\"s\":0,\"k\":\"loss\",\"v\":1.5}\ngarbage\n{\"s\":2,\"k\":\"loss\",\"v\":1.2}\n");
        var ex = Assert.Throws<PipelineException>(() => new SeriesReader(path).Read().ToArray());
        Assert.Equal(2, ex.Line);
    }

    [Fact]
    public void Keys_needing_escapes_are_valid_json()
    {
        var dir = Directory.CreateTempSubdirectory("pipeline-tracking-").FullName;
        var path = Path.Combine(dir, "k.series.jsonl");
        using (var w = new SeriesWriter(path))
        {
            w.Write("é/loss \"q\"", 1, double.NaN, 2.0);
        }

        var text = File.ReadAllText(path, Encoding.UTF8);
        Assert.DoesNotContain("\"t\"", text);
        Assert.Equal("é/loss \"q\"", new SeriesReader(path).Read().Single().Key);
    }
}
