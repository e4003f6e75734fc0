using Pipeline.Core.Diagnostics;

namespace Pipeline.Cli.Commands.Serving;

/// <summary>
/// Values printed as <c>KEY=VALUE</c> lines (appended to <c>$GITHUB_ENV</c>) or as <c>--label=k=v</c> lines (read
/// into a bash array) must each stay on their own line: a newline inside a value would let a tag message or a
/// hand-edited record define another variable (<c>GITHUB_ENV</c> injection) or add a docker argument. Identities (URIs,
/// digests, versions) with a control character are refused, because a silently altered URI would deploy something
/// else; free text (actor, reason) has control characters replaced by spaces.
/// </summary>
internal static class ShellSafe
{
    public static string Identity(string key, string value)
    {
        if (value.Any(char.IsControl))
        {
            throw new PipelineException(PipeCodes.RecordInvalid,
                $"{key} contains a control character (a line break could inject into $GITHUB_ENV or the docker arguments); refusing to print it",
                hint: "The record or tag was edited by hand: restore it from git history, or register the version again.");
        }

        return value;
    }

    public static string Text(string value) => new(value.Select(c => char.IsControl(c) ? ' ' : c).ToArray());
}
