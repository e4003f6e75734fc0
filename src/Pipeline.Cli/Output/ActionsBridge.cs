using System.Text.Json;
using Pipeline.GitHub.Actions;

namespace Pipeline.Cli.Output;

/// <summary>
/// The CLI owns the runner's files (docs/design.md §7): when a verb prints its JSON document inside GitHub Actions, the
/// well-known fields become step outputs, so the action's script only forwards and MSBuild, the CLI and the Action
/// share one code path. Loaded only when GITHUB_ACTIONS=true, so local runs never touch the GitHub assembly.
/// </summary>
internal static class ActionsBridge
{
    // Output name → where it is found in a verb's JSON document: the first path that holds a string, number or boolean
    // wins. gate and promote print {"ok", "decision": {gate-decision-v1}, "assignment": {…}}: the verdict, model, version
    // and alias live inside the decision, the alias tag inside the assignment (which alone remains when the alias
    // already held the version and nothing was decided).
    private static readonly (string Output, string[][] Paths)[] Fields =
    [
        ("fingerprint", [["fingerprint"]]),
        ("version", [["version"], ["decision", "version"], ["assignment", "version"]]),
        ("alias", [["alias"], ["decision", "alias"]]),
        ("decision", [["decision", "decision"], ["decision"]]),
        ("winner", [["winner"]]),
        ("model", [["model"], ["decision", "model"]]),
        ("tag", [["tag"], ["assignment", "tag"]]),
        ("commit", [["commit"]]),
        ("event", [["event"]]),
        ("current", [["current"]]),
        ("artifact-uri", [["artifact", "uri"]]),
        ("artifact-sha256", [["artifact", "sha256"]]),
        // runs ingest prints the run record (its id); register --propose names the run it linked.
        ("run", [["run"], ["id"]]),
        // register --propose: the proposal branch, what happened to it, and its pull request (or the compare URL).
        ("branch", [["branch"]]),
        ("outcome", [["outcome"]]),
        ("pull-request", [["pull_request", "number"]]),
        ("pull-request-url", [["pull_request", "url"]]),
        ("compare-url", [["compare_url"]]),
    ];

    public static bool Enabled => string.Equals(Environment.GetEnvironmentVariable("GITHUB_ACTIONS"), "true", StringComparison.OrdinalIgnoreCase);

    public static void Publish(byte[] json)
    {
        using var document = JsonDocument.Parse(json);
        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        var runtime = ActionsRuntime.Detect(TextWriter.Null);
        foreach (var (output, paths) in Fields)
        {
            if (paths.Select(path => Scalar(document.RootElement, path)).FirstOrDefault(text => text is not null) is { } text)
            {
                runtime.SetOutput(output, text);
            }
        }
    }

    /// <summary>
    /// A usage or environment error (exit 2 or 3) as an <c>::error</c> annotation titled with its PIPE code, so the run
    /// page shows what failed and how to fix it without opening the log. Findings (exit 1) are the verbs' own business.
    /// </summary>
    public static void Error(Pipeline.Core.Diagnostics.Diagnostic diagnostic, TextWriter commands) =>
        ActionsRuntime.Detect(commands).Annotate(diagnostic);

    /// <summary>Markdown for the step summary (cut at GitHub's 1 MiB per step by the runtime).</summary>
    public static void Summary(string markdown) => ActionsRuntime.Detect(TextWriter.Null).AppendSummary(markdown);

    /// <summary>The text of the string, number or boolean at <paramref name="path"/>; null when absent, null or structured.</summary>
    internal static string? Scalar(JsonElement root, string[] path)
    {
        var element = root;
        foreach (var key in path)
        {
            if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(key, out element))
            {
                return null;
            }
        }

        return element.ValueKind switch
        {
            JsonValueKind.String => element.GetString(),
            JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => element.GetRawText(),
            _ => null,
        };
    }
}
