using System.Text;

namespace Pipeline.GitHub.Tests.Actions;

/// <summary>
/// The runner's own readers, re-stated from actions/runner (FileCommandManager's key-value parser for
/// GITHUB_OUTPUT, ActionCommand's workflow-command parser), so tests check our files the way GitHub reads them.
/// Linux flavour: lines end at '\n' only.
/// </summary>
public static class RunnerParsers
{
    public static Dictionary<string, string> ParseOutputFile(string text)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        var index = 0;
        var line = ReadLine(text, ref index, out _);
        while (line is not null)
        {
            if (line.Length > 0)
            {
                var equals = line.IndexOf('=', StringComparison.Ordinal);
                var heredoc = line.IndexOf("<<", StringComparison.Ordinal);
                if (equals >= 0 && (heredoc < 0 || equals < heredoc))
                {
                    var key = line[..equals];
                    if (key.Length == 0)
                    {
                        throw new FormatException($"Invalid format '{line}'");
                    }

                    result[key] = line[(equals + 1)..];
                }
                else if (heredoc >= 0)
                {
                    var key = line[..heredoc];
                    var delimiter = line[(heredoc + 2)..];
                    if (key.Length == 0 || delimiter.Length == 0)
                    {
                        throw new FormatException($"Invalid format '{line}'");
                    }

                    var start = index;
                    var end = -1;
                    var next = ReadLine(text, ref index, out var newline);
                    while (next != delimiter)
                    {
                        if (next is null)
                        {
                            throw new FormatException($"Invalid value. Matching delimiter not found '{delimiter}'");
                        }

                        if (newline is null)
                        {
                            throw new FormatException("Invalid value. EOF marker missing new line.");
                        }

                        end = index - newline.Length;
                        next = ReadLine(text, ref index, out newline);
                    }

                    result[key] = end > start ? text[start..end] : "";
                }
                else
                {
                    throw new FormatException($"Invalid format '{line}'");
                }
            }

            line = ReadLine(text, ref index, out _);
        }

        return result;
    }

    private static string? ReadLine(string text, ref int index, out string? newline)
    {
        if (index >= text.Length)
        {
            newline = null;
            return null;
        }

        var start = index;
        var lf = text.IndexOf('\n', index);
        if (lf < 0)
        {
            index = text.Length;
            newline = null;
            return text[start..];
        }

        index = lf + 1;
        newline = "\n";
        return text[start..lf];
    }

    /// <summary>A workflow command line → (command, properties, data), or null when the line is not one.</summary>
    public static (string Command, Dictionary<string, string> Properties, string Data)? ParseCommand(string line)
    {
        if (!line.StartsWith("::", StringComparison.Ordinal))
        {
            return null;
        }

        var end = line.IndexOf("::", 2, StringComparison.Ordinal);
        if (end < 0)
        {
            return null;
        }

        var info = line[2..end];
        var space = info.IndexOf(' ', StringComparison.Ordinal);
        var command = space < 0 ? info : info[..space];
        var properties = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (space > 0)
        {
            foreach (var pair in info[(space + 1)..].Trim().Split(',', StringSplitOptions.RemoveEmptyEntries))
            {
                var kv = pair.Split('=', 2);
                if (kv.Length == 2)
                {
                    properties[kv[0]] = UnescapeProperty(kv[1]);
                }
            }
        }

        return (command, properties, UnescapeData(line[(end + 2)..]));
    }

    private static string UnescapeData(string s) => new StringBuilder(s).Replace("%0D", "\r").Replace("%0A", "\n").Replace("%25", "%").ToString();

    private static string UnescapeProperty(string s) =>
        new StringBuilder(s).Replace("%0D", "\r").Replace("%0A", "\n").Replace("%3A", ":").Replace("%2C", ",").Replace("%25", "%").ToString();
}
