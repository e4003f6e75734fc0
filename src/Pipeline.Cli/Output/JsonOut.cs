using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Pipeline.Cli.Output.Results;
using Pipeline.Core.Diagnostics;

namespace Pipeline.Cli.Output;

/// <summary>Every verb's --json output goes through here: exactly one indented JSON document, then a newline.</summary>
internal static class JsonOut
{
    public static readonly JsonWriterOptions WriterOptions = new()
    {
        Indented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static void Write(TextWriter output, Action<Utf8JsonWriter> body)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            body(writer);
        }

        var bytes = buffer.ToArray();
        // JSON escapes control characters itself and every line starts with whitespace, '{' or '"': it bypasses the
        // text escaping (which would escape its line breaks), after any text already written.
        if (output is TerminalWriter text)
        {
            text.Flush();
            output = text.Inner;
        }

        output.WriteLine(System.Text.Encoding.UTF8.GetString(bytes));
        output.Flush();
        if (ActionsBridge.Enabled)
        {
            ActionsBridge.Publish(bytes);
        }
    }

    /// <summary>A verb's result record, through the one source-generated serialiser the tasks read with.</summary>
    public static void Write<T>(TextWriter output, T result, JsonTypeInfo<T> type) =>
        Write(output, w => JsonSerializer.Serialize(w, result, type));

    public static void WriteError(TextWriter output, Diagnostic diagnostic) =>
        Write(output, new ErrorOutput(false, Documents.Of(diagnostic)), CliJsonContext.Default.ErrorOutput);
}
