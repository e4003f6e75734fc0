using System.Text;

namespace Pipeline.GitHub.Http;

/// <summary>
/// A GitHub size limit and the unit it is counted in. Check-run <c>output.summary</c>/<c>text</c> are limited in UTF-8
/// <b>bytes</b> (65,535: a 422 "exceeds a maximum bytesize" otherwise), comment bodies in characters (65,536), status
/// descriptions in characters (140). Markdown full of ✅ and ❌ is three bytes a symbol, so a text that fits in
/// characters can still be refused in bytes: every limit is measured in its own unit, and cutting never splits a
/// surrogate pair (half an emoji is invalid UTF-8 on the wire).
/// </summary>
public sealed record TextLimit(int Max, bool Bytes)
{
    /// <summary>Check-run output.summary and output.text.</summary>
    public static TextLimit CheckRunOutput { get; } = Utf8(65_535);

    /// <summary>Check-run annotation message and raw_details: "64 KB"; read as the smaller 64,000 bytes.</summary>
    public static TextLimit AnnotationText { get; } = Utf8(64_000);

    /// <summary>Check-run annotation title: 255 characters.</summary>
    public static TextLimit AnnotationTitle { get; } = Chars(255);

    /// <summary>Issue and pull-request comment bodies: 65,536 characters ("Body is too long").</summary>
    public static TextLimit CommentBody { get; } = Chars(65_536);

    /// <summary>Commit status description: 140 characters.</summary>
    public static TextLimit StatusDescription { get; } = Chars(140);

    public static TextLimit Utf8(int max) => new(max, Bytes: true);

    /// <summary>Counted in UTF-16 code units, which is never fewer than GitHub's characters (code points).</summary>
    public static TextLimit Chars(int max) => new(max, Bytes: false);

    public int Measure(string text) => Bytes ? Encoding.UTF8.GetByteCount(text) : text.Length;

    public int Measure(StringBuilder text) => Bytes ? Encoding.UTF8.GetByteCount(text.ToString()) : text.Length;

    public bool Fits(string text) => Measure(text) <= Max;

    /// <summary>
    /// The text itself when it fits, else its longest whole-character prefix followed by <paramref name="ellipsis"/>,
    /// the whole within <see cref="Max"/>.
    /// </summary>
    public string Clip(string text, string ellipsis = "…")
    {
        if (Fits(text))
        {
            return text;
        }

        var room = Max - Measure(ellipsis);
        return room <= 0 ? Prefix(ellipsis, Max) : Prefix(text, room) + ellipsis;
    }

    /// <summary>The longest prefix of <paramref name="text"/> measuring at most <paramref name="room"/>, never half a surrogate pair.</summary>
    public string Prefix(string text, int room)
    {
        var used = 0;
        var i = 0;
        while (i < text.Length)
        {
            var width = char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]) ? 2 : 1;
            var size = Bytes ? Encoding.UTF8.GetByteCount(text.AsSpan(i, width)) : width;
            if (used + size > room)
            {
                break;
            }

            used += size;
            i += width;
        }

        return text[..i];
    }
}
