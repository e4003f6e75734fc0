using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace Pipeline.GitHub.Tests.Schemas;

/// <summary>SchemaStore's published schemas (draft-07), read from tests/fixtures and evaluated with JsonSchema.Net.</summary>
internal static class SchemaValidator
{
    private static readonly Lazy<JsonSchema> ActionSchema = new(() => Load("github-action.schema.json"));
    private static readonly Lazy<JsonSchema> WorkflowSchema = new(() => Load("github-workflow.schema.json"));

    public static IReadOnlyList<string> ValidateAction(JsonNode? document) => Validate(ActionSchema.Value, document);

    public static IReadOnlyList<string> ValidateWorkflow(JsonNode? document) => Validate(WorkflowSchema.Value, document);

    private static JsonSchema Load(string name)
    {
        var path = RepoPaths.Fixture(name);
        // Each schema gets its own registry: both are draft-07 and declare their own $id.
        var options = new BuildOptions { Dialect = Dialect.Draft07, SchemaRegistry = new SchemaRegistry() };
        return JsonSchema.FromText(File.ReadAllText(path), options);
    }

    private static IReadOnlyList<string> Validate(JsonSchema schema, JsonNode? document)
    {
        using var json = JsonDocument.Parse(document?.ToJsonString() ?? "null");
        var result = schema.Evaluate(json.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        if (result.IsValid)
        {
            return [];
        }

        return (result.Details ?? [])
            .Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation} ({d.EvaluationPath}): {e.Key}: {e.Value}"))
            .DefaultIfEmpty("invalid (no details)")
            .ToList();
    }
}
