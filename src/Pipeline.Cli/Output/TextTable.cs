namespace Pipeline.Cli.Output;

/// <summary>Left-aligned columns separated by two spaces; the first row is the header. Trailing blanks trimmed.</summary>
internal static class TextTable
{
    public static void Write(TextWriter output, IReadOnlyList<string[]> rows)
    {
        var columns = rows.Max(r => r.Length);
        var widths = Enumerable.Range(0, columns).Select(i => rows.Where(r => i < r.Length).Max(r => r[i].Length)).ToArray();
        foreach (var row in rows)
        {
            output.WriteLine(string.Join("  ", row.Select((c, i) => c.PadRight(widths[i]))).TrimEnd());
        }
    }
}
