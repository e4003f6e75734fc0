using System.Text;

namespace Pipeline.Core.Report;

/// <summary>
/// Writes a page held in a builder to its file as UTF-8 through one reused buffer a thread. A large report writes a
/// thousand 250 KB pages: a fresh builder, StreamWriter and char/byte buffers per page were large-object-heap
/// allocations that made the garbage collector a visible share of the build. The bytes are those a UTF-8 StreamWriter
/// (no BOM) would write: the same encoder, carrying a surrogate pair split between two chunks.
/// </summary>
internal static class PageFile
{
    [ThreadStatic]
    private static StringBuilder? t_builder;

    [ThreadStatic]
    private static byte[]? t_bytes;

    [ThreadStatic]
    private static Encoder? t_encoder;

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>This thread's page builder, emptied (its capacity kept for the next page).</summary>
    public static StringBuilder Builder() => (t_builder ??= new StringBuilder(1 << 18)).Clear();

    /// <summary>The page's bytes written to <paramref name="path"/>; returns their count.</summary>
    public static long Write(string path, StringBuilder html)
    {
        var bytes = t_bytes ??= new byte[1 << 16];
        var encoder = t_encoder ??= Utf8.GetEncoder();
        encoder.Reset();
        long length = 0;
        using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 0);
        foreach (var chunk in html.GetChunks())
        {
            var chars = chunk.Span;
            while (!chars.IsEmpty)
            {
                encoder.Convert(chars, bytes, flush: false, out var used, out var produced, out _);
                file.Write(bytes, 0, produced);
                length += produced;
                chars = chars[used..];
            }
        }

        encoder.Convert([], bytes, flush: true, out _, out var last, out _);
        file.Write(bytes, 0, last);
        return length + last;
    }
}
