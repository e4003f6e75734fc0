namespace Pipeline.Core.Tracking.Ingest;

/// <summary>
/// Python's <c>json.dumps</c> writes a diverged loss as the bare tokens <c>NaN</c>, <c>Infinity</c>, <c>-Infinity</c>,
/// which strict JSON readers refuse. Trainers emit exactly that, so ingestion accepts it: on a line that failed to
/// parse, those tokens (outside strings) are quoted and the line is parsed again. Only failing lines pay for this.
/// </summary>
internal static class PythonJsonTokens
{
    public static bool MayContain(ReadOnlySpan<byte> line) => line.IndexOf("NaN"u8) >= 0 || line.IndexOf("Infinity"u8) >= 0;

    public static byte[] Quote(ReadOnlySpan<byte> line)
    {
        var output = new List<byte>(line.Length + 16);
        var inString = false;
        for (var i = 0; i < line.Length; i++)
        {
            var b = line[i];
            if (inString)
            {
                output.Add(b);
                if (b == (byte)'\\' && i + 1 < line.Length)
                {
                    output.Add(line[++i]);
                }
                else if (b == (byte)'"')
                {
                    inString = false;
                }

                continue;
            }

            if (b == (byte)'"')
            {
                inString = true;
                output.Add(b);
                continue;
            }

            var rest = line[i..];
            var token = rest.StartsWith("NaN"u8) ? 3 : rest.StartsWith("Infinity"u8) ? 8 : rest.StartsWith("-Infinity"u8) ? 9 : 0;
            if (token > 0)
            {
                output.Add((byte)'"');
                output.AddRange(rest[..token]);
                output.Add((byte)'"');
                i += token - 1;
                continue;
            }

            output.Add(b);
        }

        return output.ToArray();
    }
}
