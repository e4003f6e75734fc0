using System.Text.RegularExpressions;

namespace Pipeline.Tasks.Cli;

/// <summary>
/// One canonical diagnostic line as the CLI prints it on stderr: <c>file(line): error PIPE2003: message</c>,
/// <c>file: warning PIPE6001: message</c> or <c>error PIPE0001: message</c>.
/// </summary>
internal sealed partial record CanonicalLine(string Level, string Code, string Message, string? File, int Line)
{
    [GeneratedRegex(@"^(?:(?<file>.+?)(?:\((?<line>\d+)\))?: )?(?<level>error|warning|info) (?<code>PIPE\d{4}): (?<message>.*)$")]
    private static partial Regex Pattern();

    public static CanonicalLine? Parse(string line)
    {
        var match = Pattern().Match(line);
        if (!match.Success)
        {
            return null;
        }

        var file = match.Groups["file"].Success ? match.Groups["file"].Value : null;
        var number = match.Groups["line"].Success && int.TryParse(match.Groups["line"].Value, out var n) ? n : 0;
        return new CanonicalLine(match.Groups["level"].Value, match.Groups["code"].Value, match.Groups["message"].Value, file, number);
    }
}
