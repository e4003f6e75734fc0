using System.Text;

namespace Pipeline.GitHub.Actions;

/// <summary>
/// Workflow commands (<c>::name k=v,k=v::message</c>) as the runner's ActionCommand parser reads them. Escaping is
/// what stops a message with a newline from ending the command early, or a path with ':' or ',' from splitting a
/// property; '%' goes first because the runner unescapes '%25' last.
/// </summary>
public static class WorkflowCommand
{
    public static string EscapeData(string value) => value
        .Replace("%", "%25", StringComparison.Ordinal)
        .Replace("\r", "%0D", StringComparison.Ordinal)
        .Replace("\n", "%0A", StringComparison.Ordinal);

    public static string EscapeProperty(string value) => EscapeData(value)
        .Replace(":", "%3A", StringComparison.Ordinal)
        .Replace(",", "%2C", StringComparison.Ordinal);

    /// <summary>One command line (without the newline). Properties with a null value are left out.</summary>
    public static string Format(string command, IEnumerable<KeyValuePair<string, string?>> properties, string message)
    {
        var line = new StringBuilder("::").Append(command);
        var first = true;
        foreach (var (key, value) in properties)
        {
            if (value is null)
            {
                continue;
            }

            line.Append(first ? ' ' : ',').Append(key).Append('=').Append(EscapeProperty(value));
            first = false;
        }

        return line.Append("::").Append(EscapeData(message)).ToString();
    }

    public static string Format(string command, string message) => Format(command, [], message);
}
