using Pipeline.Core.Canonical;
using Pipeline.Core.Diagnostics;
using Pipeline.Core.Tracking;
using Pipeline.Core.Tracking.Ingest;

namespace Pipeline.Core.Tests.Tracking;

public sealed class IngestTests
{
    private static (RunRecord Run, RunLedger Ledger) Ingest(string source, IngestOptions? options = null)
    {
        var ledger = new RunLedger(Path.Combine(Directory.CreateTempSubdirectory("pipeline-tracking-").FullName, "registry", "runs"));
        return (RunIngestor.Ingest(source, ledger, options ?? new IngestOptions()), ledger);
    }

    [Fact]
    public void Jsonl_fixture()
    {
        var (run, ledger) = Ingest(RepoPaths.Fixture("tracking", "jsonl", "grpo-run.jsonl"));
        Assert.Equal("grpo-kl0.05", run.Name);
        Assert.Equal("grpo-math", run.Experiment);
        Assert.Equal("grpo", run.Method);
        Assert.Equal(RunStatus.Finished, run.Status);
        Assert.IsType<FloatValue>(run.Params["learning_rate"]);
        Assert.IsType<IntegerValue>(run.Params["num_generations"]);
        Assert.Equal("rl", run.Tags["team"]);
        Assert.Equal(4, run.Metrics.Count);
        var loss = run.Metrics["loss"];
        Assert.Equal(6, loss.Count);
        Assert.Equal(1, loss.NaN);
        Assert.Equal(0.55, loss.Last);
        Assert.Equal(0.55, loss.Min);
        Assert.Equal(0.693, loss.Max);
        Assert.Equal(0.41, run.Metrics["reward"].Last); // from the compact {"s","k","v"} line
        Assert.Equal(24, run.SeriesPoints);
        Assert.NotNull(run.Fingerprint);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1732540000), run.Start);
        Assert.StartsWith("20241125-", run.Id);

        // The record on disk reads back equal, and the series holds every point.
        var back = ledger.Read(run.Id);
        Assert.Equal(run.Metrics["loss"], back.Metrics["loss"]);
        Assert.Equal(CanonicalJson.Write(run.Params), CanonicalJson.Write(back.Params));
        Assert.Equal(24, ledger.Series(run.Id).Read().Count());
        Assert.Equal([0.0, 0.004, 0.011, 0.019, 0.026, 0.031], ledger.Series(run.Id).Read("kl").Select(p => p.Value).ToArray());
        Assert.Equal(6, SeriesReader.Beside(ledger.RecordPath(run.Id), back).Read("entropy").Count());
    }

    [Fact]
    public void Dvc_live_fixture()
    {
        var (run, _) = Ingest(RepoPaths.Fixture("tracking", "dvclive"), new IngestOptions(Name: "sft-dvclive", Method: "sft"));
        Assert.Equal("sft-dvclive", run.Name);
        Assert.Equal("dvclive", run.Origin!.Format);
        Assert.IsType<FloatValue>(run.Params["learning_rate"]);      // YAML 1.2: 2e-5 is a float
        Assert.IsType<StringValue>(run.Params["packing"]);           // YAML 1.2: yes is a string
        Assert.IsType<IntegerValue>(run.Params["lora_r"]);
        Assert.IsType<ObjectValue>(run.Params["optimizer"]);
        Assert.Equal(4, run.Metrics["train/loss"].Count);
        Assert.Equal(1.49, run.Metrics["train/loss"].Last);
        Assert.Equal(3, run.Metrics["train/loss"].LastStep);
        Assert.Equal(0.47, run.Metrics["eval/acc"].Last);
        // Only in metrics.json (logged with plot=False): one point at the summary's step.
        Assert.Equal(1, run.Metrics["tokens_per_second"].Count);
        Assert.Equal(3, run.Metrics["tokens_per_second"].LastStep);
        Assert.False(run.Metrics.ContainsKey("step"));
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1732540000000), run.Start);
    }

    [Fact]
    public void Mlflow_fixture()
    {
        var folder = RepoPaths.Fixture("tracking", "mlflow", "mlruns", "417268839591736145", "0a1b2c3d4e5f60718293a4b5c6d7e8f9");
        var (run, _) = Ingest(folder);
        Assert.Equal("dpo-beta0.1", run.Name);
        Assert.Equal("dpo-sweep", run.Experiment);
        Assert.Equal("mlflow", run.Origin!.Format);
        Assert.Equal("0a1b2c3d4e5f60718293a4b5c6d7e8f9", run.Origin.ExternalId);
        Assert.Equal(RunStatus.Finished, run.Status);
        Assert.Equal(new StringValue("16").Value, ((StringValue)run.Params["lora/rank"]!).Value); // MLflow params are strings
        Assert.Equal("9f8e7d6c5b4a39281706f5e4d3c2b1a098765432", ((StringValue)run.Lineage!["code_commit"]!).Value);
        Assert.Null(run.Fingerprint); // partial lineage: no fingerprint
        Assert.Equal("alice", run.Tags["mlflow.user"]);
        Assert.Equal(1, run.Metrics["loss"].NaN);
        Assert.Equal(0.5907, run.Metrics["loss"].Last);
        Assert.Equal(30, run.Metrics["train/rewards_margin"].LastStep);
        Assert.Equal(0, run.Metrics["eval_accuracy"].LastStep); // legacy 2-field line: step 0
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1732540000000), run.Start);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1732540300000), run.End);
    }

    [Fact]
    public void Mlflow_status_killed_and_running()
    {
        var dir = Directory.CreateTempSubdirectory("pipeline-tracking-").FullName;
        File.WriteAllText(Path.Combine(dir, "meta.yaml"), "run_id: abc\nstatus: 5\nstart_time: 1732540000000\n");
        Directory.CreateDirectory(Path.Combine(dir, "metrics"));
        Assert.Equal(RunStatus.Killed, Ingest(dir).Run.Status);
        File.WriteAllText(Path.Combine(dir, "meta.yaml"), "run_id: abc\nstatus: 1\nstart_time: 1732540000000\nend_time: null\n");
        var running = Ingest(dir).Run;
        Assert.Equal(RunStatus.Running, running.Status);
        Assert.Equal(RunStatus.Unfinished, RunLedger.EffectiveStatus(running)); // no live writer behind it
    }

    [Fact]
    public void Refused_metric_keys_are_all_named_and_nothing_is_written()
    {
        var dir = Directory.CreateTempSubdirectory("pipeline-tracking-").FullName;
        var src = Path.Combine(dir, "bad.jsonl");
        File.WriteAllText(src, "{\"step\":0,\"ok\":1,\"bad;key\":2,\"../up\":3}\n{\"step\":1,\"bad;key\":4}\n");
        var ledger = new RunLedger(Path.Combine(dir, "registry", "runs"));
        var ex = Assert.Throws<PipelineException>(() => RunIngestor.Ingest(src, ledger, new IngestOptions()));
        Assert.Equal(PipeCodes.MetricKeyInvalid, ex.Code);
        Assert.Contains("'bad;key'", ex.Message);
        Assert.Contains("'../up'", ex.Message);
        Assert.Empty(Directory.EnumerateFiles(ledger.Folder));
    }

    [Theory]
    [InlineData("{\"step\":0,\"loss\":\"high\"}\n", "metric 'loss' must be a number")]
    [InlineData("{\"step\":0.5,\"loss\":1}\n", "'step' must be an integer")]
    [InlineData("{\"lr\":0.1}\n", "unknown header member: lr")]
    [InlineData("{\"step\":0,\"loss\":1}\n{not json\n", "line 2")]
    [InlineData("{\"params\":{\"lr\":1}}\n{\"params\":{\"lr\":2}}\n", "param 'lr' logged twice")]
    [InlineData("{\"method\":\"sft; rm -rf\"}\n", "method 'sft; rm -rf' refused")]
    [InlineData("{\"step\":0,\"loss\":1.5,\"loss\":2}\n", "duplicate key")] // used to log two points at step 0
    [InlineData("{\"step\":0,\"loss\":NaN,\"loss\":2}\n", "duplicate key")]
    [InlineData("{\"step\":0,\"step\":5,\"loss\":1}\n", "duplicate key")]
    [InlineData("{\"step\":0,\"time\":1,\"time\":2,\"loss\":1}\n", "duplicate key")]
    public void Malformed_jsonl_is_refused_with_the_line(string content, string expected)
    {
        var dir = Directory.CreateTempSubdirectory("pipeline-tracking-").FullName;
        var src = Path.Combine(dir, "x.jsonl");
        File.WriteAllText(src, content);
        var ex = Assert.Throws<PipelineException>(() => RunIngestor.Ingest(src, new RunLedger(Path.Combine(dir, "runs")), new IngestOptions()));
        Assert.Contains(expected, ex.Message);
    }

    [Fact]
    public void Python_bare_non_finite_tokens_inside_strings_are_left_alone()
    {
        var dir = Directory.CreateTempSubdirectory("pipeline-tracking-").FullName;
        var src = Path.Combine(dir, "x.jsonl");
        File.WriteAllText(src, "{\"name\":\"NaN Infinity run\"}\n{\"step\":0,\"loss\":-Infinity,\"kl\":NaN}\n");
        var run = RunIngestor.Ingest(src, new RunLedger(Path.Combine(dir, "runs")), new IngestOptions());
        Assert.Equal("NaN Infinity run", run.Name);
        Assert.True(double.IsNegativeInfinity(run.Metrics["loss"].Last));
        Assert.True(double.IsNaN(run.Metrics["kl"].Last));
    }

    [Fact]
    public void Auto_detect_refuses_an_unknown_folder()
    {
        var ex = Assert.Throws<PipelineException>(() => Ingest(Directory.CreateTempSubdirectory("pipeline-tracking-").FullName));
        Assert.Equal(PipeCodes.RunSourceUnknown, ex.Code);
    }

    // Times outside years 1-9999 used to escape as ArgumentOutOfRange/Overflow (exit 1, stack trace) instead of PIPE3503.
    [Theory]
    [InlineData("{\"step\":0,\"time\":-1e300,\"loss\":1}\n", 1)]
    [InlineData("{\"step\":0,\"loss\":1}\n{\"step\":1,\"t\":1e20,\"loss\":1}\n", 2)]
    [InlineData("{\"start\":99999999999999}\n{\"step\":0,\"loss\":1}\n", 1)]
    public void Jsonl_times_out_of_range_are_refused_with_the_line(string content, int line)
    {
        var dir = Directory.CreateTempSubdirectory("pipeline-tracking-").FullName;
        var src = Path.Combine(dir, "x.jsonl");
        File.WriteAllText(src, content);
        var ledger = new RunLedger(Path.Combine(dir, "runs"));
        var ex = Assert.Throws<PipelineException>(() => RunIngestor.Ingest(src, ledger, new IngestOptions()));
        Assert.Equal(PipeCodes.RunSourceMalformed, ex.Code);
        Assert.Equal(line, ex.Line);
        Assert.False(Directory.Exists(ledger.Folder) && Directory.EnumerateFiles(ledger.Folder).Any());
    }

    [Theory]
    [InlineData("run_id: abc\nstatus: 3\nstart_time: 99999999999999999999\n", "1700000000000 0.5 0\n", "meta.yaml", 3)]
    [InlineData("run_id: abc\nstatus: 99999999999\n", "1700000000000 0.5 0\n", "meta.yaml", 2)]
    [InlineData("run_id: abc\nstatus: 3\n", "9223372036854775807 0.5 0\n", "metrics/loss", 1)]
    public void Mlflow_numbers_out_of_range_are_refused_with_the_file(string meta, string metric, string file, int line)
    {
        var dir = Directory.CreateTempSubdirectory("pipeline-tracking-").FullName;
        File.WriteAllText(Path.Combine(dir, "meta.yaml"), meta);
        Directory.CreateDirectory(Path.Combine(dir, "metrics"));
        File.WriteAllText(Path.Combine(dir, "metrics", "loss"), metric);
        var ex = Assert.Throws<PipelineException>(() => Ingest(dir));
        Assert.Equal(PipeCodes.RunSourceMalformed, ex.Code);
        Assert.EndsWith(file, ex.File);
        Assert.Equal(line, ex.Line);
    }

    [Fact]
    public void Dvc_live_timestamp_out_of_range_is_refused_with_the_line()
    {
        var dir = Directory.CreateTempSubdirectory("pipeline-tracking-").FullName;
        Directory.CreateDirectory(Path.Combine(dir, "plots", "metrics"));
        File.WriteAllText(Path.Combine(dir, "plots", "metrics", "loss.tsv"), "timestamp\tstep\tloss\n1700000000000\t0\t0.6\n1e300\t1\t0.5\n");
        var ex = Assert.Throws<PipelineException>(() => Ingest(dir));
        Assert.Equal(PipeCodes.RunSourceMalformed, ex.Code);
        Assert.Equal(3, ex.Line);
    }
}
