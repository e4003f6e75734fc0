using Pipeline.Core.Canonical;
using Pipeline.Core.Diagnostics;
using Pipeline.Core.Tracking;

namespace Pipeline.Core.Tests.Tracking;

public sealed class RunLoggerTests
{
    [Fact]
    public void Logs_from_many_threads_without_losing_or_tearing_points()
    {
        var repo = Directory.CreateTempSubdirectory("pipeline-tracking-").FullName;
        string id;
        using (var run = RunLogger.Start(repo, "t", "exp", "sft", [new("lr", 2e-5), new("lora_r", 16), new("ratio", 0.1f)]))
        {
            id = run.Id;
            Parallel.For(0, 8, t =>
            {
                for (var i = 0; i < 5_000; i++)
                {
                    run.LogMetric("thread" + t, i, i);
                }
            });
            run.LogMetric("loss", double.NaN, 1);
            run.SetTag("gpu", "a100");
            run.Finish();
        }

        var ledger = RunLedger.ForRepository(repo);
        var record = ledger.Read(id);
        Assert.Equal(RunStatus.Finished, record.Status);
        Assert.Null(record.Writer);
        Assert.Equal(40_001, record.SeriesPoints);
        Assert.Equal(4999, record.Metrics["thread3"].Max);
        Assert.Equal(1, record.Metrics["loss"].NaN);
        Assert.Equal("0.1", CanonicalJson.Write(record.Params["ratio"]!)); // 0.1f keeps its written digits
        Assert.Equal("a100", record.Tags["gpu"]);
        var points = ledger.Series(id).Read().ToArray();
        Assert.Equal(40_001, points.Length);
        Assert.Equal(5_000, points.Count(p => p.Key == "thread5"));
    }

    [Fact]
    public void A_live_run_is_running_and_its_points_reach_the_file_without_finish()
    {
        var repo = Directory.CreateTempSubdirectory("pipeline-tracking-").FullName;
        using var run = RunLogger.Start(repo, "live");
        run.LogMetric("loss", 1.0, 0);
        run.Flush();
        var ledger = RunLedger.ForRepository(repo);
        var shown = ledger.ReadForDisplay(run.Id, out var torn);
        Assert.Equal(RunStatus.Running, shown.Status); // this process is the writer, and alive
        Assert.Null(torn);
        Assert.Equal(1, shown.Metrics["loss"].Count);
    }

    [Fact]
    public void Params_are_write_once()
    {
        using var run = RunLogger.Start(Directory.CreateTempSubdirectory("pipeline-tracking-").FullName, "p", parameters: [new("lr", 0.1)]);
        run.LogParam("lr", 0.1);
        var ex = Assert.Throws<PipelineException>(() => run.LogParam("lr", 0.2));
        Assert.Equal(PipeCodes.ParamConflict, ex.Code);
    }

    [Fact]
    public void Refused_keys_and_finished_runs()
    {
        var ex = Assert.Throws<PipelineException>(
            () => RunLogger.Start(Directory.CreateTempSubdirectory("pipeline-tracking-").FullName, "k", parameters: [new("bad key!", 1)]));
        Assert.Contains("'bad key!'", ex.Message);
        var run = RunLogger.Start(Directory.CreateTempSubdirectory("pipeline-tracking-").FullName, "k");
        Assert.Throws<PipelineException>(() => run.LogMetric("../up", 1, 0));
        run.Finish(RunStatus.Failed);
        run.Dispose(); // a later Dispose keeps the explicit status
        Assert.Equal(RunStatus.Failed, new RunLedger(Path.GetDirectoryName(run.RecordPath)!).Read(run.Id).Status);
        Assert.Equal(PipeCodes.RunAlreadyFinished, Assert.Throws<PipelineException>(() => run.LogMetric("loss", 1, 0)).Code);
    }

    [Fact]
    public void Artifacts_are_hashed_and_recorded()
    {
        var repo = Directory.CreateTempSubdirectory("pipeline-tracking-").FullName;
        var adapter = Path.Combine(repo, "out", "adapter");
        Directory.CreateDirectory(adapter);
        File.WriteAllText(Path.Combine(adapter, "adapter_model.safetensors"), "weights");
        using var run = RunLogger.Start(repo, "a");
        var folder = run.LogArtifact(adapter);
        run.LogArtifact("s3://bucket/ckpt-1000");
        run.Finish();
        var record = RunLedger.ForRepository(repo).Read(run.Id);
        Assert.Equal("out/adapter", record.Artifacts[0].Uri);
        Assert.Equal(folder.Sha256, record.Artifacts[0].Sha256);
        Assert.Single(record.Artifacts[0].Manifest!);
        Assert.Equal("uri", record.Artifacts[1].Kind);
    }
}
