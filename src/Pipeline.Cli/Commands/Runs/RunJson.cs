using System.Text.Json;
using Pipeline.Core.Tracking;

namespace Pipeline.Cli.Commands.Runs;

/// <summary>Run records in --json output: exactly the ledger's record shape (schemas/run-record.schema.json) plus extras.</summary>
internal static class RunJson
{
    public static void WriteRecord(Utf8JsonWriter w, RunRecord run, Action<Utf8JsonWriter>? extra = null)
    {
        // Re-use the ledger writer, then splice extra members before the closing brace.
        using var buffer = new MemoryStream();
        using (var inner = new Utf8JsonWriter(buffer))
        {
            RunRecordWriter.Write(inner, run);
        }

        using var doc = JsonDocument.Parse(buffer.ToArray());
        w.WriteStartObject();
        foreach (var p in doc.RootElement.EnumerateObject())
        {
            p.WriteTo(w);
        }

        extra?.Invoke(w);
        w.WriteEndObject();
    }
}
