using System.Text;

namespace Pipeline.GitHub.Actions;

/// <summary>
/// Appends Markdown to $GITHUB_STEP_SUMMARY without passing the runner's 1 MiB per-step limit: above it the runner
/// drops the WHOLE summary (and adds an error), so we cut our own text and say so instead.
/// </summary>
public static class StepSummary
{
    public const long MaxBytes = 1024 * 1024;

    public const string TruncationNote = "\n\n> **Summary truncated**: GitHub shows at most 1 MiB per step; see the job log or the report file for " +
        "the rest.\n";

    public static void Append(string path, string markdown, long maxBytes = MaxBytes) =>
        LockedFile.Append(path, current => Fit(markdown, maxBytes - current));

    /// <summary>The part of <paramref name="markdown"/> that fits in <paramref name="room"/> bytes, with the note when cut.</summary>
    public static string Fit(string markdown, long room)
    {
        if (Encoding.UTF8.GetByteCount(markdown) <= room)
        {
            return markdown;
        }

        var noteBytes = Encoding.UTF8.GetByteCount(TruncationNote);
        if (room < noteBytes)
        {
            return "";
        }

        var keep = Prefix(markdown, room - noteBytes);
        // Cut at a line end when there is one, so a table row or a code fence is not left half-written.
        var lastLine = keep.LastIndexOf('\n');
        if (lastLine > 0)
        {
            keep = keep[..lastLine];
        }

        return keep + TruncationNote;
    }

    // The longest prefix whose UTF-8 form fits, never splitting a surrogate pair.
    private static string Prefix(string text, long bytes)
    {
        long used = 0;
        var i = 0;
        while (i < text.Length)
        {
            var width = char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]) ? 2 : 1;
            var size = Encoding.UTF8.GetByteCount(text.AsSpan(i, width));
            if (used + size > bytes)
            {
                break;
            }

            used += size;
            i += width;
        }

        return text[..i];
    }
}
