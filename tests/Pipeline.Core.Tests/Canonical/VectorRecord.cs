using System.Text.Json;

namespace Pipeline.Core.Tests.Canonical;

/// <summary>
/// One line of a vector file (ours under tests/vectors, or the CPython fixtures): an input JSON text and either the
/// Python reference's canonical text and sha256, or the PIPE code Pipeline must refuse it with.
/// </summary>
internal sealed record VectorRecord(
    string Name,
    string Kind,
    string InputJson,
    string? Canonical,
    string? Sha256,
    string? Refuse,
    string? Message,
    string File,
    int LineNumber)
{
    public override string ToString() => $"{Path.GetFileName(File)}:{LineNumber} {Name}";

    public static IReadOnlyList<VectorRecord> ReadAll(string path, string defaultKind)
    {
        var records = new List<VectorRecord>();
        var lineNumber = 0;
        foreach (var line in System.IO.File.ReadLines(path))
        {
            lineNumber++;
            if (line.Length == 0)
            {
                continue;
            }

            using var doc = JsonDocument.Parse(line);
            var r = doc.RootElement;
            records.Add(new VectorRecord(
                r.GetProperty("name").GetString()!,
                r.TryGetProperty("kind", out var kind) ? kind.GetString()! : defaultKind,
                r.GetProperty("input_json").GetString()!,
                Optional(r, "canonical"),
                Optional(r, "sha256"),
                Optional(r, "refuse"),
                Optional(r, "message"),
                path,
                lineNumber));
        }

        return records;
    }

    private static string? Optional(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) ? v.GetString() : null;
}
