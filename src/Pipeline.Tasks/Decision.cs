using System.Text.Json;
using Microsoft.Build.Framework;
using Pipeline.Tasks.Cli;

namespace Pipeline.Tasks;

/// <summary>
/// Reads a gate decision the way <c>gate</c> and <c>promote</c> print it: <c>decision</c> as a string
/// (<c>promote</c>/<c>hold</c>) or an object carrying one; <c>rules</c> at the top or inside the decision.
/// </summary>
internal static class Decision
{
    public static string? Verdict(JsonElement root) => Json.Get(root, "decision") switch
    {
        { ValueKind: JsonValueKind.Object } d => Json.Text(d, ["verdict"], ["decision"], ["outcome"], ["result"]),
        { } d => Json.Text(d),
        null => null,
    };

    /// <summary>An explicit <c>promote</c>/<c>promoted</c> boolean wins; else the verdict; else the exit code (0 promote, 1 hold).</summary>
    public static bool Promotes(JsonElement root, string? verdict, int exitCode) =>
        Json.Bool(root, "promote") ?? Json.Bool(root, "promoted") ?? Json.Bool(root, "decision", "promote")
        ?? (verdict is null ? exitCode == 0 : verdict.Equals("promote", StringComparison.OrdinalIgnoreCase)
            || verdict.Equals("promoted", StringComparison.OrdinalIgnoreCase));

    public static ITaskItem[] Rules(JsonElement root) =>
        Json.Items(Json.Get(root, "rules") ?? Json.Get(root, "decision", "rules"), "name", "rule", "id");
}
