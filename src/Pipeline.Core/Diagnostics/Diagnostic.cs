namespace Pipeline.Core.Diagnostics;

public enum Severity
{
    Error,
    Warning,
    Notice,
}

/// <summary>
/// A finding or an error, located in a file when possible. Printed in the canonical form MSBuild and editors parse:
/// <c>file(line): error PIPE2001: message</c>, or <c>error PIPE2001: message</c> without a file.
/// </summary>
public sealed record Diagnostic(Severity Severity, PipeCode Code, string Message, string? File = null, int? Line = null, string? Hint = null)
{
    public string Canonical()
    {
        var level = Severity switch
        {
            Severity.Error => "error",
            Severity.Warning => "warning",
            _ => "info",
        };
        var origin = File is null ? "" : Line is int l && l > 0 ? $"{File}({l}): " : $"{File}: ";
        return OneLine($"{origin}{level} {Code.Id}: {Message}");
    }

    /// <summary>
    /// A diagnostic is one line (the compiler format MSBuild and editors parse). Messages quote user input (records,
    /// YAML, inputs of a pull request); a newline there would start a line of its own, and the Actions runner reads a
    /// line starting with "::" as a workflow command. So CR and LF are written as the two characters \r and \n.
    /// </summary>
    public static string OneLine(string text) =>
        text.Replace("\r", "\\r", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);
}
