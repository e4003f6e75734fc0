using Pipeline.Core.Diagnostics;

namespace Pipeline.GitHub.Actions;

/// <summary>A line annotation shown on the pull request's diff and the run page (<c>::error file=…,line=…::</c>).</summary>
public sealed record Annotation(Severity Severity, string Message, string? File = null, int? Line = null, string? Title = null, int? EndLine = null)
{
    public string Command => Severity switch
    {
        Severity.Error => "error",
        Severity.Warning => "warning",
        _ => "notice",
    };

    // The title goes first and the line number last: the runner trims the property list as a whole, which would
    // eat whitespace at the end of a title or file written last.
    public string ToWorkflowCommand() => WorkflowCommand.Format(Command,
    [
        new("title", Title),
        new("file", File),
        new("line", Line is > 0 ? Line.Value.ToString(System.Globalization.CultureInfo.InvariantCulture) : null),
        new("endLine", EndLine is > 0 && Line is > 0 ? EndLine.Value.ToString(System.Globalization.CultureInfo.InvariantCulture) : null),
    ], Message);
}
