using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;
using Pipeline.Core.Tracking;
using Pipeline.Core.Tracking.Ingest;

namespace Pipeline.Core.Tests.Tracking;

/// <summary>The published schemas (schemas/*.schema.json) accept what Pipeline writes and refuse broken records.</summary>
public sealed class SchemaTests
{
    private static readonly Lazy<(JsonSchema Run, JsonSchema Version, JsonSchema Eval)> Schemas = new(() =>
    {
        var options = new BuildOptions { SchemaRegistry = new SchemaRegistry() };
        var eval = JsonSchema.FromFile(RepoPaths.Schema("eval-result.schema.json"), options);
        var version = JsonSchema.FromFile(RepoPaths.Schema("version-record.schema.json"), options);
        var run = JsonSchema.FromFile(RepoPaths.Schema("run-record.schema.json"), options);
        return (run, version, eval);
    });

    private static bool Valid(JsonSchema schema, string json)
    {
        using var doc = JsonDocument.Parse(json);
        return schema.Evaluate(doc.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List }).IsValid;
    }

    public static TheoryData<string> Sources() =>
    [
        RepoPaths.Fixture("tracking", "jsonl", "grpo-run.jsonl"),
        RepoPaths.Fixture("tracking", "dvclive"),
        RepoPaths.Fixture("tracking", "mlflow", "mlruns", "417268839591736145", "0a1b2c3d4e5f60718293a4b5c6d7e8f9"),
    ];

    [Theory]
    [MemberData(nameof(Sources))]
    public void Ingested_fixtures_are_valid_run_records(string source)
    {
        var ledger = new RunLedger(Path.Combine(Directory.CreateTempSubdirectory("pipeline-tracking-").FullName, "registry", "runs"));
        var run = RunIngestor.Ingest(source, ledger, new IngestOptions());
        Assert.True(Valid(Schemas.Value.Run, File.ReadAllText(ledger.RecordPath(run.Id))));
    }

    [Fact]
    public void A_run_logger_record_with_artifacts_and_evals_is_valid()
    {
        var repo = Directory.CreateTempSubdirectory("pipeline-tracking-").FullName;
        File.WriteAllText(Path.Combine(repo, "ckpt.bin"), "x");
        using var run = RunLogger.Start(repo, "api", "exp", "dpo", [new("beta", 0.1)]);
        run.LogMetric("loss", double.NaN, 0);
        run.LogArtifact(Path.Combine(repo, "ckpt.bin"));
        run.LogEval(new Pipeline.Core.Evals.EvalResult(new("mmlu", "mmlu@abcd"), "sha256:00", new Dictionary<string, double> { ["acc"] = 0.61 }));
        Assert.True(Valid(Schemas.Value.Run, File.ReadAllText(run.RecordPath))); // while running (writer present)
        run.Finish();
        Assert.True(Valid(Schemas.Value.Run, File.ReadAllText(run.RecordPath)));
    }

    [Theory]
    [InlineData("status", "\"paused\"")]
    [InlineData("id", "\"../../etc\"")]
    [InlineData("start", "\"yesterday\"")]
    [InlineData("artifacts", "[{\"sha256\":\"zz\"}]")]
    [InlineData("evals", "[{\"suite\":{\"name\":\"mmlu\"},\"evaluated\":\"x\",\"scores\":{}}]")]
    [InlineData("metrics", "{\"loss\":{\"last\":1,\"last_step\":0,\"min\":\"NaN\",\"max\":1,\"count\":1,\"nan\":0,\"inf\":0}}")]
    [InlineData("metrics", "{\"../up\":{\"last\":1,\"last_step\":0,\"min\":1,\"max\":1,\"count\":1,\"nan\":0,\"inf\":0}}")]
    [InlineData("tags", "{\"a\":1}")]
    [InlineData("schema", "\"pipeline.run/v0\"")]
    public void Broken_run_records_are_refused(string field, string json)
    {
        var ledger = new RunLedger(Path.Combine(Directory.CreateTempSubdirectory("pipeline-tracking-").FullName, "registry", "runs"));
        var run = RunIngestor.Ingest(RepoPaths.Fixture("tracking", "jsonl", "grpo-run.jsonl"), ledger, new IngestOptions());
        var node = JsonNode.Parse(File.ReadAllText(ledger.RecordPath(run.Id)))!.AsObject();
        node[field] = JsonNode.Parse(json);
        Assert.False(Valid(Schemas.Value.Run, node.ToJsonString()));
    }

    [Fact]
    public void Missing_required_run_field_is_refused()
    {
        var ledger = new RunLedger(Path.Combine(Directory.CreateTempSubdirectory("pipeline-tracking-").FullName, "registry", "runs"));
        var run = RunIngestor.Ingest(RepoPaths.Fixture("tracking", "dvclive"), ledger, new IngestOptions());
        var node = JsonNode.Parse(File.ReadAllText(ledger.RecordPath(run.Id)))!.AsObject();
        node.Remove("metrics");
        Assert.False(Valid(Schemas.Value.Run, node.ToJsonString()));
    }

    [Fact]
    public void Eval_result_schema()
    {
        var e = Schemas.Value.Eval;
        Assert.True(Valid(e, """{"suite":{"name":"mmlu","fingerprint":"mmlu@abcd"},"evaluated":"b06a68","scores":{"mmlu":0.61}}"""));
        Assert.False(Valid(e, """{"suite":{"name":"mmlu"},"evaluated":"b06a68","scores":{"mmlu":0.61}}"""));
        Assert.False(Valid(e, """{"suite":{"name":"mmlu","fingerprint":"x"},"evaluated":"","scores":{"mmlu":0.61}}"""));
        Assert.False(Valid(e, """{"suite":{"name":"mmlu","fingerprint":"x"},"evaluated":"b","scores":{"mmlu":"high"}}"""));
    }

    [Fact]
    public void Version_record_schema()
    {
        var v = Schemas.Value.Version;
        const string fp = "b06a681fb46bb8d9aceed5caf216654a5dcb3ccc55f3c5965abbaae565ab830d";
        var ok = $$"""
            {"model":"demo","version":"v1.4.0","scheme":"lineage-v1","fingerprint":"{{fp}}",
             "lineage":{"data_version":"sft-mix-v3","code_commit":"a1b2c3d","config":{"lr":2e-05},"base_model":"Qwen/Qwen3-8B","seed":0},
             "lineage_sources":null,"artifact":{"uri":"s3://b/ckpt","kind":"uri","sha256":null,"size":null},
             "evals":[],"metrics":null,"description":null,"created_at":"2026-11-25T15:00:00Z","created_by":"ci",
             "run_id":"20261125-150000000-0a1b2c3d","future_field":true}
            """;
        Assert.True(Valid(v, ok));
        Assert.False(Valid(v, ok.Replace("\"v1.4.0\"", "\"1.4.0\"")));
        Assert.False(Valid(v, ok.Replace("\"model\":\"demo\"", "\"model\":\"Demo\"")));
        Assert.False(Valid(v, ok.Replace("\"seed\":0", "\"seed\":\"0\"")));
        Assert.False(Valid(v, ok.Replace($"\"fingerprint\":\"{fp}\"", "\"fingerprint\":\"xyz\"")));
    }

    [Fact]
    public void What_the_registry_writes_validates()
    {
        // The schema describes the writer's real output, run link included, not a hand-made example only.
        var lineage = (Pipeline.Core.Canonical.ObjectValue)Pipeline.Core.Canonical.JsonReader.Parse(
            """{"data_version":"sft-mix-v3","code_commit":"a1b2c3d","config":{"lr":2e-05},"base_model":"Qwen/Qwen3-8B","seed":0}""", "l");
        var record = new Pipeline.Core.Registry.VersionRecord("demo", Pipeline.Core.Registry.SemVer.Parse("v1.4.0"),
            Pipeline.Core.Lineage.Fingerprint.Compute(lineage), "lineage-v1", lineage, null,
            new Pipeline.Core.Artifacts.Artifact("s3://b/ckpt", null, null, null), [], null, "first", DateTimeOffset.UnixEpoch, "ci")
        {
            Run = "20261125-150000000-0a1b2c3d",
        };
        var text = System.Text.Encoding.UTF8.GetString(Pipeline.Core.Registry.VersionRecordJson.Write(record));

        Assert.True(Valid(Schemas.Value.Version, text), text);
        Assert.Equal(
            "20261125-150000000-0a1b2c3d",
            Pipeline.Core.Registry.VersionRecordJson.Read(System.Text.Encoding.UTF8.GetBytes(text), "r.json").Run);
        Assert.False(Valid(Schemas.Value.Version, text.Replace("\"run\": \"20261125-150000000-0a1b2c3d\"", "\"run\": 7", StringComparison.Ordinal)));
    }
}
