using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Schema;
using System.Text.Json.Serialization.Metadata;
using Pipeline.Cli.Output.Results;

namespace Pipeline.Cli.Tests.Contract;

/// <summary>
/// schemas/cli/&lt;verb&gt;.schema.json, exported from the verbs' result records: every field a record has is in its schema,
/// required unless the record leaves it out when null; no other field is allowed.
/// </summary>
internal static class CliSchemas
{
    public static readonly IReadOnlyDictionary<string, JsonTypeInfo> ByVerb = new Dictionary<string, JsonTypeInfo>
    {
        ["error"] = CliJsonContext.Default.ErrorOutput,
        ["fingerprint"] = CliJsonContext.Default.FingerprintOutput,
        ["register"] = CliJsonContext.Default.RegisterOutput,
        ["propose"] = CliJsonContext.Default.ProposeOutput,
        ["publish"] = CliJsonContext.Default.PublishOutput,
        ["show"] = CliJsonContext.Default.ShowOutput,
        ["resolve"] = CliJsonContext.Default.ResolveOutput,
        ["assign"] = CliJsonContext.Default.AliasMoveOutput,
        ["unassign"] = CliJsonContext.Default.AliasMoveOutput,
        ["rollback"] = CliJsonContext.Default.AliasMoveOutput,
        ["gate"] = CliJsonContext.Default.GateOutput,
        ["promote"] = CliJsonContext.Default.PromoteOutput,
        ["select"] = CliJsonContext.Default.SelectOutput,
        ["verify"] = CliJsonContext.Default.VerifyOutput,
    };

    public static string Path(string verb) => RepoPaths.At("schemas", "cli", verb + ".schema.json");

    public static string Export(string verb)
    {
        var options = new JsonSchemaExporterOptions { TransformSchemaNode = Transform };
        var schema = ByVerb[verb].GetJsonSchemaAsNode(options).AsObject();
        var root = new JsonObject
        {
            ["$schema"] = "https://json-schema.org/draft/2020-12/schema",
            ["$id"] = $"https://github.com/pipeline/schemas/cli/{verb}.schema.json",
            ["title"] = verb == "error" ? "pipeline <verb> --json, on failure" : $"pipeline {verb} --json",
        };
        foreach (var (key, value) in schema.ToArray())
        {
            schema.Remove(key);
            root[key] = value;
        }

        return root.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n";
    }

    private static JsonNode Transform(JsonSchemaExporterContext context, JsonNode schema)
    {
        var type = context.TypeInfo.Type;
        if (type == typeof(JsonNumber) || type == typeof(JsonNumber?))
        {
            // Kept as its JSON text by a converter the exporter cannot see into: a number (or null).
            return new JsonObject { ["type"] = type == typeof(JsonNumber) ? "number" : new JsonArray("number", "null") };
        }

        if (context.TypeInfo.Kind == JsonTypeInfoKind.Object && schema is JsonObject o && o.ContainsKey("properties"))
        {
            // Required unless the record leaves it out when null ([JsonIgnore(Condition = WhenWritingNull)]): the exporter
            // marks every constructor parameter required, which an omitted null field would contradict.
            var required = context.TypeInfo.Properties
                .Where(p => p.ShouldSerialize is null
                    && !(p.AttributeProvider?.GetCustomAttributes(typeof(System.Text.Json.Serialization.JsonIgnoreAttribute), true)
                    .OfType<System.Text.Json.Serialization.JsonIgnoreAttribute>()
                        .Any(a => a.Condition != System.Text.Json.Serialization.JsonIgnoreCondition.Never)
                        ?? false))
                .Select(p => (JsonNode)p.Name).ToArray();
            o.Remove("required");
            if (required.Length > 0)
            {
                o["required"] = new JsonArray(required);
            }

            o["additionalProperties"] = false;
        }

        return schema;
    }
}
