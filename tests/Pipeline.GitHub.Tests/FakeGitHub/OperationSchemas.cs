using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace Pipeline.GitHub.Tests.FakeGitHub;

/// <summary>
/// The request-body schemas of the operations Pipeline calls (the reporter's six, and the pull requests of proposals), vendored verbatim from
/// GitHub's published
/// OpenAPI description (tests/fixtures/github/rest-api-operations.json names the repository, path and commit).
/// The fake refuses any body they refuse, with GitHub's 422 "Invalid request." answer.
/// </summary>
internal static class OperationSchemas
{
    public const string CreateCheckRun = "checks/create";
    public const string UpdateCheckRun = "checks/update";
    public const string CreateStatus = "repos/create-commit-status";
    public const string CreateComment = "issues/create-comment";
    public const string UpdateComment = "issues/update-comment";
    public const string CreatePullRequest = "pulls/create";
    public const string UpdatePullRequest = "pulls/update";

    private static readonly Lazy<JsonObject> Document = new(() =>
        JsonNode.Parse(File.ReadAllText(RepoPaths.At("tests", "fixtures", "github", "rest-api-operations.json")))!.AsObject());

    private static readonly Lazy<Dictionary<string, JsonSchema>> Schemas = new(() =>
        Document.Value["operations"]!.AsObject()
            .Where(op => op.Value!["requestBody"] is JsonObject)
            .ToDictionary(op => op.Key, op => Build(op.Value!["requestBody"]!.ToJsonString())));

    public static JsonObject Provenance => Document.Value["provenance"]!.AsObject();

    public static JsonObject Operation(string operationId) => Document.Value["operations"]![operationId]!.AsObject();

    /// <summary>The schema's complaints about <paramref name="body"/> (empty when valid).</summary>
    public static IReadOnlyList<string> Validate(string operationId, JsonNode body)
    {
        using var json = JsonDocument.Parse(body.ToJsonString());
        var result = Schemas.Value[operationId].Evaluate(json.RootElement, new EvaluationOptions
        {
            OutputFormat = OutputFormat.List,
            // GitHub parses the timestamps it is given: a malformed one is refused, not ignored.
            RequireFormatValidation = true,
        });
        if (result.IsValid)
        {
            return [];
        }

        return (result.Details ?? [])
            .Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => $"For '{d.InstanceLocation}' ({d.EvaluationPath}): {e.Value}"))
            .DefaultIfEmpty("the body does not match the operation's schema")
            .ToList();
    }

    private static JsonSchema Build(string schema)
    {
        // OpenAPI 3.0 schemas are a JSON Schema draft-04/07 dialect; the OpenAPI-only keywords (nullable,
        // discriminator) are left unknown, which only makes the fake stricter (a null target_url is refused).
        var options = new BuildOptions { Dialect = Dialect.Draft07, SchemaRegistry = new SchemaRegistry() };
        return JsonSchema.FromText(schema, options);
    }
}
