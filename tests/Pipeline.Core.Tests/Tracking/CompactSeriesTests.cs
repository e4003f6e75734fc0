using System.Diagnostics;
using System.Globalization;
using FsCheck;
using FsCheck.Fluent;
using Pipeline.Core.Diagnostics;
using Pipeline.Core.Tests.Canonical;
using Pipeline.Core.Tracking;

namespace Pipeline.Core.Tests.Tracking;

public sealed class CompactSeriesTests
{
    private static readonly double[] Awkward =
    [
        0.0, -0.0, double.NaN, double.PositiveInfinity, double.NegativeInfinity, double.Epsilon, -double.Epsilon,
        double.MaxValue, double.MinValue, 1e-300, 0.1, 0.6931, 2.0 / 3.0, 1732540000.5, 1732540000.1234567, 9007199254740993.0,
        (double)0.1f, 123456789012345680.0, 1e22, 1e23, -1.5, 3e-5,
    ];

    /// <summary>Whatever the points: read back in order, keys and steps equal, walls and values bit for bit (NaN stays NaN).</summary>
    [FsCheck.Xunit.Property(MaxTest = 200)]
    public Property Encode_then_decode_gives_back_every_point_exactly()
    {
        var number = Gen.OneOf(
            Gen.Elements(Awkward),
            Gen.Choose(-100000, 100000).Select(i => i / 10000.0),
            Gen.Choose(0, 1 << 30).Select(i => (double)BitConverter.Int32BitsToSingle(i)),
            ArbMap.Default.GeneratorFor<long>().Select(BitConverter.Int64BitsToDouble),
            ArbMap.Default.GeneratorFor<double>());
        var step = Gen.OneOf(
            Gen.Choose(0, 1000).Select(i => (long)i),
            Gen.Elements(long.MinValue, long.MaxValue, -1L, 1L << 62),
            ArbMap.Default.GeneratorFor<long>());
        var point = from key in Gen.Elements("loss", "train/loss", "reward", "é ke y")
                    from s in step
                    from wall in number
                    from value in number
                    select new MetricPoint(key, s, wall, value);
        return Prop.ForAll(Gen.ListOf(point).Select(l => l.ToArray()).ToArbitrary(), points =>
        {
            using var folder = new TempFolder("pipeline-compact-");
            var back = WriteAndRead(folder.Path("x.series.bin"), points);
            return back.Length == points.Length && points.Zip(back).All(p =>
                p.First.Key == p.Second.Key
                    && p.First.Step == p.Second.Step
                    && Same(p.First.Wall, p.Second.Wall)
                    && Same(p.First.Value, p.Second.Value));
        });
    }

    [Fact]
    public void Decimal_training_curves_take_a_fraction_of_the_jsonl_bytes()
    {
        using var folder = new TempFolder("pipeline-compact-");
        var points = Curve(20_000);
        var jsonl = folder.Path("c.series.jsonl");
        using (var w = new SeriesWriter(jsonl))
        {
            foreach (var p in points)
            {
                w.Write(p.Key, p.Step, p.Wall, p.Value);
            }
        }

        WriteAndRead(folder.Path("c.series.bin"), points);
        var ratio = (double)new FileInfo(jsonl).Length / new FileInfo(folder.Path("c.series.bin")).Length;
        Assert.True(ratio > 8, $"compact file only {ratio:F1}× smaller than the JSONL");
    }

    [Fact]
    public void A_truncated_file_is_refused_naming_it()
    {
        using var folder = new TempFolder("pipeline-compact-");
        var path = folder.Path("t.series.bin");
        WriteAndRead(path, Curve(5_000));
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);
        var ex = Assert.Throws<PipelineException>(() => new SeriesReader(path, "registry/runs/t.series.bin").Read().ToArray());
        Assert.Equal(PipeCodes.SeriesCorrupt, ex.Code);
        Assert.Equal("registry/runs/t.series.bin", ex.File);
    }

    [Fact]
    public void Garbage_after_the_magic_is_refused()
    {
        using var folder = new TempFolder("pipeline-compact-");
        var path = folder.Path("g.series.bin");
        File.WriteAllBytes(path, [.. "PLSERIE1"u8.ToArray(), 1, 2, 3, 4, 5, 6, 7, 8, 9]);
        Assert.Equal(PipeCodes.SeriesCorrupt, Assert.Throws<PipelineException>(() => new SeriesReader(path).Read().ToArray()).Code);
    }

    [Fact]
    public void A_jsonl_series_is_still_read_as_jsonl()
    {
        using var folder = new TempFolder("pipeline-compact-");
        var path = folder.Write("old.series.jsonl", "{\"s\":3,\"t\":1.5,\"k\":\"loss\",\"v\":\"NaN\"}\n{\"s\":4,\"k\":\"loss\",\"v\":0.25}\n");
        var back = new SeriesReader(path).Read().ToArray();
        Assert.Equal([3L, 4L], back.Select(p => p.Step));
        Assert.True(double.IsNaN(back[0].Value));
        Assert.Equal(0.25, back[1].Value);
    }

    /// <summary>The reader printed in docs/tracking.md, run by python3 on a file this writer produced.</summary>
    [PythonFact]
    public void The_python_reader_in_the_docs_reads_what_the_writer_wrote()
    {
        using var folder = new TempFolder("pipeline-compact-");
        var points = Curve(3_000)
            .Concat(Awkward.Select((v, i) => new MetricPoint(i % 2 == 0 ? "odd/é" : "loss", long.MaxValue - i, Awkward[^(i + 1)], v)))
            .ToArray();
        var path = folder.Path("p.series.bin");
        WriteAndRead(path, points);

        var docs = File.ReadAllText(RepoPaths.At("docs", "tracking.md"));
        var start = docs.IndexOf("<!-- series-reader:start -->", StringComparison.Ordinal);
        var end = docs.IndexOf("<!-- series-reader:end -->", StringComparison.Ordinal);
        Assert.True(start > 0 && end > start, "docs/tracking.md lost the series-reader markers");
        var code = docs[start..end].Split('\n')
            .Where(l => !l.StartsWith("```", StringComparison.Ordinal) && !l.StartsWith("<!--", StringComparison.Ordinal))
            .ToArray();
        var function = code.SkipWhile(l => !l.StartsWith("def read_series", StringComparison.Ordinal)).Count(l => l.Trim().Length > 0);
        Assert.True(function <= 25, $"the documented reader grew to {function} lines");
        var script = folder.Write("check.py", string.Join('\n', code) + """

            import sys
            for k, s, w, v in read_series(sys.argv[1]):
                print(k, s, struct.pack("<d", w).hex(), struct.pack("<d", v).hex(), sep="\t")
            """);

        var info = new ProcessStartInfo(PythonFactAttribute.RequirePython3())
        {
            ArgumentList = { script, path },
            RedirectStandardOutput = true,
            RedirectStandardError = true
        };
        using var process = Process.Start(info)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var lines = process.StandardOutput.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, "the documented reader failed: " + stderr.Result);
        Assert.Equal(points.Length, lines.Length);
        for (var i = 0; i < points.Length; i++)
        {
            var f = lines[i].Split('\t');
            Assert.Equal(points[i].Key, f[0]);
            Assert.Equal(points[i].Step, long.Parse(f[1], CultureInfo.InvariantCulture));
            Assert.True(Same(points[i].Wall, FromHex(f[2])), $"point {i}: wall {points[i].Wall:R} read by python as {FromHex(f[2]):R}");
            Assert.True(Same(points[i].Value, FromHex(f[3])), $"point {i}: value {points[i].Value:R} read by python as {FromHex(f[3]):R}");
        }
    }

    private static MetricPoint[] WriteAndRead(string path, MetricPoint[] points)
    {
        using (var w = new CompactSeriesWriter(path))
        {
            foreach (var p in points)
            {
                w.Write(p.Key, p.Step, p.Wall, p.Value);
            }
        }

        Assert.True(CompactSeries.IsCompact(path));
        return new SeriesReader(path).Read().ToArray();
    }

    /// <summary>A trainer's log: 4 keys per step, values rounded as trainers print them, a wall clock in milliseconds.</summary>
    private static MetricPoint[] Curve(int steps) =>
        Enumerable.Range(0, steps).SelectMany(s => new[]
        {
            new MetricPoint("loss", s, 1732540000 + s * 0.25, Math.Round(2.0 / (1 + s / 500.0) + Math.Sin(s) / 50, 4)),
            new MetricPoint("reward", s, 1732540000 + s * 0.25, Math.Round(Math.Min(1.0, s / (double)steps), 3)),
            new MetricPoint("kl", s, 1732540000 + s * 0.25, s % 997 == 0 ? double.NaN : 0.05 + (s % 100) / 1000.0),
            new MetricPoint("grad_norm", s, double.NaN, (double)(float)(1.0 + Math.Cos(s))),
        }).ToArray();

    private static double FromHex(string hex) => BitConverter.ToDouble(Convert.FromHexString(hex));

    private static bool Same(double a, double b) =>
        double.IsNaN(a) ? double.IsNaN(b) : BitConverter.DoubleToInt64Bits(a) == BitConverter.DoubleToInt64Bits(b);
}
