using System.Text;
using System.Text.Json;
using Json.Schema;
using Pipeline.Cli.Commands.Gate;
using Pipeline.Cli.Output;
using Pipeline.Cli.Output.Results;
using Pipeline.Cli.Tests.Gate;
using Pipeline.Core.Canonical;
using Pipeline.Core.Gate;

namespace Pipeline.Cli.Tests.Contract;

/// <summary>
/// The --json contract between the CLI and its readers (the MSBuild tasks, the action, scripts): the published schemas
/// are the result records, the real output of every verb fits its schema, and the printed gate decision is the evidence
/// the alias tag carries.
/// </summary>
public sealed class CliContractTests : IDisposable
{
    private const string GateYaml = """
        suite: {name: mmlu, fingerprint: "mmlu@abcd"}
        metric: mmlu
        direction: maximize
        threshold: 0.60
        """;

    private readonly TempGitRepo _repo = new();

    public CliContractTests()
    {
        _repo.Write("gate.yaml", GateYaml);
        _repo.Commit("protected gate");
        _repo.Register("demo", "v1.0.0", "fp-1", 0.65);
        _repo.Assign("demo", "v1.0.0", "production", 1);
        _repo.Register("demo", "v1.1.0", "fp-2", 0.71);
        _repo.Register("demo", "v1.2.0", "fp-3", 0.50);
    }

    public void Dispose() => _repo.Dispose();

    public static TheoryData<string> Verbs() => new(CliSchemas.ByVerb.Keys);

    [Theory]
    [MemberData(nameof(Verbs))]
    public void The_published_schema_is_the_result_record(string verb)
    {
        var exported = CliSchemas.Export(verb);
        if (Environment.GetEnvironmentVariable("PIPELINE_UPDATE_SCHEMAS") == "1")
        {
            File.WriteAllText(CliSchemas.Path(verb), exported);
        }

        Assert.True(File.Exists(CliSchemas.Path(verb)), $"{CliSchemas.Path(verb)} is missing: run the tests with PIPELINE_UPDATE_SCHEMAS=1");
        Assert.True(exported == File.ReadAllText(CliSchemas.Path(verb)).ReplaceLineEndings("\n"),
            $"schemas/cli/{verb}.schema.json differs from its result record: run the tests with PIPELINE_UPDATE_SCHEMAS=1 and review the diff");
    }

    [Fact]
    public void The_real_output_of_every_verb_fits_its_schema()
    {
        var lineage = _repo.Write(
            "lineage.json",
            """{"data_version": "d", "code_commit": "c", "config": {"lr": 2e-05}, "base_model": "b", "seed": 0}""");
        var outputs = new List<(string Verb, CliResult Result)>
        {
            ("error", CliRunner.Run("show", "nope", "--repo", _repo.Root, "--json")),
            ("fingerprint", CliRunner.Run("fingerprint", "--lineage", lineage, "--json")),
            ("gate", CliRunner.Run("gate", "demo", "--version", "v1.1.0", "--alias", "production", "--repo", _repo.Root, "--json")),
            ("gate", CliRunner.Run("gate", "demo", "--version", "v1.2.0", "--alias", "production", "--repo", _repo.Root, "--json")),
            ("promote", CliRunner.Run("promote", "demo", "--version", "v1.2.0", "--alias", "production", "--repo", _repo.Root, "--json")),
            ("promote", CliRunner.Run("promote", "demo", "--version", "v1.1.0", "--alias", "production", "--repo", _repo.Root, "--json")),
            ("promote", CliRunner.Run("promote", "demo", "--version", "v1.1.0", "--alias", "production", "--repo", _repo.Root, "--json")),
            ("show", CliRunner.Run("show", "demo#production", "--repo", _repo.Root, "--json")),
            ("resolve", CliRunner.Run("resolve", "demo#production", "--repo", _repo.Root, "--json")),
            ("resolve", CliRunner.Run("resolve", "demo@v1.1.0", "--repo", _repo.Root, "--json")),
            ("assign", CliRunner.Run("assign", "demo", "--version", "v1.0.0", "--alias", "staging", "--repo", _repo.Root, "--json")),
            ("unassign", CliRunner.Run("unassign", "demo", "--alias", "staging", "--repo", _repo.Root, "--json")),
            ("rollback", CliRunner.Run("rollback", "demo", "--alias", "production", "--repo", _repo.Root, "--json")),
            ("register", CliRunner.Run("register", "demo", "--lineage", lineage, "--repo", _repo.Root, "--json")),
            ("publish", CliRunner.Run("publish", "--repo", _repo.Root, "--json")),
            ("verify", CliRunner.Run("verify", "--repo", _repo.Root, "--all", "--no-fetch", "--json")),
        };
        using (var ledger = new Ledger())
        {
            ledger.AddRun("run-a", 0, 0.61);
            ledger.AddRun("run-b", 1, 0.72);
            ledger.AddRun("run-c", 2, null);
            outputs.Add(
                ("select", CliRunner.Run("select", "run-a", "run-b", "run-c", "--metric", "mmlu", "--maximize", "--repo", ledger.Root, "--json")));
        }

        var failures = new StringBuilder();
        foreach (var (verb, result) in outputs)
        {
            Assert.False(string.IsNullOrWhiteSpace(result.Stdout), $"{verb} printed nothing: {result}");
            // A fresh registry per file: several verbs share one schema, and the global registry refuses a second load.
            var schema = JsonSchema.FromFile(CliSchemas.Path(verb), new BuildOptions { SchemaRegistry = new SchemaRegistry() });
            using var document = JsonDocument.Parse(result.Stdout);
            var evaluation = schema.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
            if (!evaluation.IsValid)
            {
                failures.AppendLine($"{verb} (exit {result.ExitCode}):");
                foreach (var detail in (evaluation.Details ?? []).Where(d => d.Errors is { Count: > 0 }))
                {
                    failures.AppendLine($"  {detail.InstanceLocation}: {string.Join("; ", detail.Errors!.Values)}");
                }

                failures.AppendLine(result.Stdout);
            }
        }

        Assert.True(failures.Length == 0, failures.ToString());
        // The cases above are the ones meant: a refusal document; a promotion and a hold by gate and by promote; a re-run.
        Assert.Equal(2, outputs[0].Result.ExitCode);
        Assert.Equal([0, 1, 1, 0, 0], outputs.Skip(2).Take(5).Select(o => o.Result.ExitCode));
    }

    [Fact]
    public void The_printed_decision_is_the_evidence_the_tag_carries_number_for_number()
    {
        _repo.Register("demo", "v1.3.0", "fp-4", 0.7000000000000001);
        foreach (var version in new[] { "v1.1.0", "v1.2.0", "v1.3.0" })
        {
            var request = new GateRequest("demo", version, "production", [], null, null, null, _repo.Root);
            var decision = GateRunner.Decide(request, _ => null).Decision;

            Assert.Equal(
                Written(w => ValueJson.Write(w, decision.ToValue())),
                Written(w => JsonSerializer.Serialize(w, Documents.Of(decision), CliJsonContext.Default.GateDecisionDocument)));
        }
    }

    private static string Written(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, JsonOut.WriterOptions))
        {
            write(writer);
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
