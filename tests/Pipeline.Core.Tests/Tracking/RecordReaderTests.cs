using Pipeline.Core.Canonical;
using Pipeline.Core.Diagnostics;
using Pipeline.Core.Tracking;
using Pipeline.Core.Tracking.Ingest;

namespace Pipeline.Core.Tests.Tracking;

public sealed class RecordReaderTests
{
    private const string Record = """
        {"schema": "pipeline.run/v1", "id": "20241125-130640000-9dce06d8", "name": "r", "status": "finished",
         "start": "2024-11-25T13:06:40.000Z", "end": null, "params": {}, "tags": {}, "metrics": {},
         "series": {"path": "20241125-130640000-9dce06d8.series.jsonl", "points": POINTS},
         "artifacts": [{"uri": "a.bin", "kind": "file", "sha256": "00", "size": SIZE}],
         "writer": {"host": "h", "pid": PID}}
        """;

    // An integer too large for its field used to escape as OverflowException (exit 1, stack trace) from runs list/show.
    [Theory]
    [InlineData("99999999999999999999", "1", "1", "series.points")]
    [InlineData("1", "99999999999999999999", "1", "artifacts.size")]
    [InlineData("1", "1", "99999999999", "writer.pid")]
    public void An_integer_out_of_range_is_pipe3506_naming_the_field(string points, string size, string pid, string field)
    {
        var text = Record.Replace("POINTS", points).Replace("SIZE", size).Replace("PID", pid);
        var ex = Assert.Throws<PipelineException>(() => RunRecordReader.Read(JsonReader.Parse(text, "r.json"), "r.json"));
        Assert.Equal(PipeCodes.RunRecordInvalid, ex.Code);
        Assert.Contains(field, ex.Message);
        Assert.NotNull(ex.Line);
    }

    [Fact]
    public void Dvc_live_metrics_json_step_out_of_range_is_refused()
    {
        var dir = Directory.CreateTempSubdirectory("pipeline-tracking-").FullName;
        File.WriteAllText(Path.Combine(dir, "metrics.json"), "{\"step\": 99999999999999999999, \"acc\": 0.5}");
        var ex = Assert.Throws<PipelineException>(() => RunIngestor.Ingest(dir, new RunLedger(Path.Combine(dir, "runs")), new IngestOptions()));
        Assert.Equal(PipeCodes.RunSourceMalformed, ex.Code);
        Assert.Equal(1, ex.Line);
    }
}

public sealed class LineReaderTests
{
    // A file without newlines used to grow the line buffer without bound (memory grew with the input; > 2 GB crashed).
    [Fact]
    public void A_line_longer_than_the_limit_is_refused_naming_file_and_line()
    {
        var text = "{\"step\":0,\"loss\":1}\n" + new string('x', 10_000);
        using var reader = new Utf8LineReader(new MemoryStream(System.Text.Encoding.ASCII.GetBytes(text)), 256)
        {
            Display = "big.jsonl",
            MaxLineBytes = 4096
        };
        Assert.True(reader.TryReadLine(out _, out _));
        var ex = Assert.Throws<PipelineException>(() => reader.TryReadLine(out _, out _));
        Assert.Equal(PipeCodes.RunSourceMalformed, ex.Code);
        Assert.Equal("big.jsonl", ex.File);
        Assert.Equal(2, ex.Line);
    }

    [Fact]
    public void A_line_up_to_the_limit_is_read()
    {
        var text = new string('y', 3000) + "\n";
        using var reader = new Utf8LineReader(new MemoryStream(System.Text.Encoding.ASCII.GetBytes(text)), 256) { MaxLineBytes = 4096 };
        Assert.True(reader.TryReadLine(out var line, out var terminated));
        Assert.Equal(3000, line.Length);
        Assert.True(terminated);
    }
}
