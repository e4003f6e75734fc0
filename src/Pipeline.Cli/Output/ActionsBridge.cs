using System.Text.Json;
using Pipeline.GitHub.Actions;

namespace Pipeline.Cli.Output;

/// <summary>
/// The CLI owns the runner's files (DESIGN §7): when a verb prints its JSON document inside GitHub Actions, the
/// well-known fields become step outputs, so the action's script only forwards and MSBuild, the CLI and the Action
/// share one code path. Loaded only when GITHUB_ACTIONS=true, so local runs never touch the GitHub assembly.
/// </summary>
internal static class ActionsBridge
{
    // Output name → where it is found in a verb's JSON document (first match wins).
    private static readonly (string Output, string[] Path)[] Fields =
    [
        ("fingerprint", ["fingerprint"]),
        ("version", ["version"]),
        ("alias", ["alias"]),
        ("decision", ["decision"]),
        ("winner", ["winner"]),
        ("model", ["model"]),
        ("tag", ["tag"]),
        ("commit", ["commit"]),
    ];

    public static bool Enabled => string.Equals(Environment.GetEnvironmentVariable("GITHUB_ACTIONS"), "true", StringComparison.OrdinalIgnoreCase);

    public static void Publish(byte[] json)
    {
        using var document = JsonDocument.Parse(json);
        if (document.RootElement.ValueKind != JsonValueKind.Object) return;
        var runtime = ActionsRuntime.Detect(TextWriter.Null);
        foreach (var (output, path) in Fields)
        {
            var element = document.RootElement;
            var found = true;
            foreach (var key in path)
            {
                if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(key, out element))
                {
                    found = false;
                    break;
                }
            }

            if (!found) continue;
            var text = element.ValueKind switch
            {
                JsonValueKind.String => element.GetString(),
                JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => element.GetRawText(),
                JsonValueKind.Object when element.TryGetProperty("decision", out var d) && d.ValueKind == JsonValueKind.String => d.GetString(),
                _ => null,
            };
            if (text is not null) runtime.SetOutput(output, text);
        }
    }
}
