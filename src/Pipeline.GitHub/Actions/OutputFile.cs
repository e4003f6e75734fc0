using System.Text.RegularExpressions;
using Pipeline.Core.Diagnostics;

namespace Pipeline.GitHub.Actions;

/// <summary>
/// Step outputs in the format the runner's file-command parser reads from $GITHUB_OUTPUT: <c>name=value</c> when
/// the value is one line, else <c>name&lt;&lt;DELIM</c> … <c>DELIM</c> with a random delimiter. A fixed delimiter
/// (EOF) would let a value that contains it inject further outputs, so it is random and checked against the value.
/// </summary>
public static partial class OutputFile
{
    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_-]*$")]
    private static partial Regex NamePattern();

    public static bool IsValidName(string name) => NamePattern().IsMatch(name);

    /// <summary>The text to append for one output, ending with a newline.</summary>
    public static string Format(string name, string value, Func<string>? newDelimiter = null)
    {
        if (!IsValidName(name))
        {
            throw new PipelineException(PipeCodes.ActionsOutputInvalid, $"invalid output name '{name}'");
        }

        // '\r' counts as unsafe too: the Windows runner splits lines at CRLF, and a lone CR would be lost there.
        if (value.IndexOfAny(['\n', '\r']) < 0)
        {
            return $"{name}={value}\n";
        }

        newDelimiter ??= () => "ghadelimiter_" + Guid.NewGuid().ToString("N");
        for (var attempt = 0; attempt < 8; attempt++)
        {
            var delimiter = newDelimiter();
            if (!value.Contains(delimiter, StringComparison.Ordinal) && !name.Contains(delimiter, StringComparison.Ordinal))
            {
                return $"{name}<<{delimiter}\n{value}\n{delimiter}\n";
            }
        }

        throw new PipelineException(PipeCodes.ActionsOutputInvalid, $"the value of output '{name}' keeps containing the generated delimiter");
    }

    public static void Append(string path, string name, string value) => LockedFile.Append(path, Format(name, value));
}
