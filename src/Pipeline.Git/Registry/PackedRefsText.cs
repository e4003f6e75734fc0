using System.Runtime.CompilerServices;
using System.Text;

namespace Pipeline.Git.Registry;

/// <summary>
/// The packed-refs file read as bytes in one sequential pass (list and doctor read every tag: at 100,000 tags a line
/// per string and a substring per field cost more than git's own for-each-ref). The format (git's refs/packed-backend.c):
/// an optional header <c># pack-refs with: TRAITS</c>, then <c>OID SP REFNAME LF</c> lines, each annotated tag
/// optionally followed by <c>^OID LF</c>, the object it peels to. Object ids are 40 (SHA-1) or 64 (SHA-256) hex digits.
/// </summary>
internal static class PackedRefsText
{
    /// <summary>
    /// Every ref whose name starts with <paramref name="prefix"/>, in file order, with its peeled line. With the
    /// "peeled" or "fully-peeled" trait a tag without a peeled line is known to be lightweight
    /// (<see cref="TagRefs.Entry.PeelKnown"/>); without it nothing is known and the object must be read.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static List<TagRefs.Entry> Parse(ReadOnlySpan<byte> text, string prefix)
    {
        var results = new List<TagRefs.Entry>();
        var key = Encoding.UTF8.GetBytes(prefix);
        var peelKnown = false;
        var lastMatched = false;
        while (text.Length > 0)
        {
            var end = text.IndexOf((byte)'\n');
            var line = end < 0 ? text : text[..end];
            text = end < 0 ? [] : text[(end + 1)..];
            if (line.Length > 0 && line[^1] == (byte)'\r')
            {
                line = line[..^1];
            }

            if (line.Length == 0)
            {
                continue;
            }

            if (line[0] == (byte)'#')
            {
                // Only the header names traits; any other comment line is ignored, as git does.
                if (line.StartsWith("# pack-refs with:"u8))
                {
                    var traits = line["# pack-refs with:"u8.Length..];
                    peelKnown = Contains(traits, "peeled"u8) || Contains(traits, "fully-peeled"u8);
                }

                lastMatched = false;
                continue;
            }

            if (line[0] == (byte)'^')
            {
                var peeled = line[1..];
                if (lastMatched && IsObjectId(peeled) && results[^1].Peeled is null)
                {
                    results[^1] = results[^1] with { Peeled = Ascii(peeled) };
                }

                lastMatched = false;
                continue;
            }

            lastMatched = false;
            var space = line.IndexOf((byte)' ');
            if (space < 0 || !IsObjectId(line[..space]))
            {
                continue;
            }

            var name = line[(space + 1)..];
            if (!name.StartsWith(key))
            {
                continue;
            }

            results.Add(new TagRefs.Entry(Encoding.UTF8.GetString(name), Ascii(line[..space]), null, peelKnown));
            lastMatched = true;
        }

        return results;
    }

    /// <summary>A trait is a whole word of the space-separated header ("peeled" must not match inside "fully-peeled").</summary>
    private static bool Contains(ReadOnlySpan<byte> traits, ReadOnlySpan<byte> word)
    {
        foreach (var range in traits.Split((byte)' '))
        {
            if (traits[range].SequenceEqual(word))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsObjectId(ReadOnlySpan<byte> id) =>
        id.Length is 40 or 64 && !id.ContainsAnyExcept("0123456789abcdef"u8);

    private static string Ascii(ReadOnlySpan<byte> id) => Encoding.ASCII.GetString(id);
}
