using System.Text.Json;

namespace Pipeline.GitHub.Actions;

/// <summary>
/// The action's outputs, taken from a verb's --json document: every verb prints one JSON object, and the action
/// promises the same few names whatever the verb (fingerprint, version, alias, decision, winner, model). Reading
/// them from the document keeps the mapping in one place instead of one SetOutput call per verb.
/// </summary>
public static class ReportOutputs
{
    public static readonly IReadOnlyList<string> Names = ["fingerprint", "version", "alias", "decision", "winner", "model"];

    /// <summary>The top-level string (or number/bool, as text) members among <see cref="Names"/>.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> From(JsonElement report)
    {
        var found = new List<KeyValuePair<string, string>>();
        if (report.ValueKind != JsonValueKind.Object)
        {
            return found;
        }

        foreach (var name in Names)
        {
            if (report.TryGetProperty(name, out var value))
            {
                string? text = value.ValueKind switch
                {
                    JsonValueKind.String => value.GetString(),
                    JsonValueKind.Number => value.GetRawText(),
                    JsonValueKind.True => "true",
                    JsonValueKind.False => "false",
                    _ => null,
                };
                if (text is not null)
                {
                    found.Add(new(name, text));
                }
            }
        }

        return found;
    }

    /// <summary>Writes those outputs through <paramref name="runtime"/> (a no-op outside Actions).</summary>
    public static void Write(ActionsRuntime runtime, string reportJson)
    {
        if (!runtime.IsActions)
        {
            return;
        }

        using var document = JsonDocument.Parse(reportJson);
        foreach (var (name, value) in From(document.RootElement))
        {
            runtime.SetOutput(name, value);
        }
    }
}
