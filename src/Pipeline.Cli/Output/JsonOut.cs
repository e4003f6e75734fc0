using System.Text.Encodings.Web;
using System.Text.Json;
using Pipeline.Core.Diagnostics;

namespace Pipeline.Cli.Output;

/// <summary>Every verb's --json output goes through here: exactly one indented JSON document, then a newline.</summary>
internal static class JsonOut
{
    private static readonly JsonWriterOptions Options = new()
    {
        Indented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static void Write(TextWriter output, Action<Utf8JsonWriter> body)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, Options))
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

    public static void WriteError(TextWriter output, Diagnostic diagnostic) => Write(output, w =>
    {
        w.WriteStartObject();
        w.WriteBoolean("ok", false);
        w.WriteStartObject("error");
        WriteDiagnosticBody(w, diagnostic);
        w.WriteEndObject();
        w.WriteEndObject();
    });

    public static void WriteDiagnosticBody(Utf8JsonWriter w, Diagnostic d)
    {
        w.WriteString("code", d.Code.Id);
        w.WriteString("severity", d.Severity.ToString().ToLowerInvariant());
        w.WriteString("message", d.Message);
        if (d.File is not null) w.WriteString("file", d.File);
        if (d.Line is int line) w.WriteNumber("line", line);
        if (d.Hint is not null) w.WriteString("hint", d.Hint);
        w.WriteNumber("exit_code", d.Code.ExitCode);
    }
}
