using System.Runtime.CompilerServices;
using Pipeline.Core.Diagnostics;

namespace Pipeline.Core.Tracking;

/// <summary>
/// Reads a stream line by line as UTF-8 byte spans over one reusable buffer, so a 60 MB series or JSONL export is
/// read in constant memory and no string is allocated for a line that parses as numbers.
/// </summary>
internal sealed class Utf8LineReader(Stream stream, int bufferSize = 1 << 16) : IDisposable
{
    /// <summary>The longest line accepted (64 MB): a file without newlines must not grow the buffer until memory runs out.</summary>
    public const int DefaultMaxLineBytes = 64 << 20;

    private byte[] _buffer = new byte[bufferSize];
    private int _start;
    private int _end;
    private bool _eof;

    /// <summary>The file as messages name it.</summary>
    public string? Display { get; init; }

    /// <summary>The code of the error for a line longer than <see cref="MaxLineBytes"/>.</summary>
    public PipeCode TooLong { get; init; } = PipeCodes.RunSourceMalformed;

    public int MaxLineBytes { get; init; } = DefaultMaxLineBytes;

    /// <summary>1-based number of the line last returned.</summary>
    public long LineNumber { get; private set; }

    /// <summary>Bytes consumed so far (for progress reports).</summary>
    public long Position { get; private set; }

    /// <summary>
    /// The next line without its '\n' (and a trailing '\r' removed). <paramref name="terminated"/> is false only for a
    /// last line that ends without a newline: the sign of a writer stopped mid-line.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool TryReadLine(out ReadOnlySpan<byte> line, out bool terminated)
    {
        while (true)
        {
            var newline = _buffer.AsSpan(_start, _end - _start).IndexOf((byte)'\n');
            if (newline >= 0)
            {
                line = Trim(_buffer.AsSpan(_start, newline));
                _start += newline + 1;
                Position += newline + 1;
                LineNumber++;
                terminated = true;
                return true;
            }

            if (_eof)
            {
                if (_start < _end)
                {
                    line = Trim(_buffer.AsSpan(_start, _end - _start));
                    Position += _end - _start;
                    _start = _end;
                    LineNumber++;
                    terminated = false;
                    return true;
                }

                line = default;
                terminated = true;
                return false;
            }

            Fill();
        }
    }

    private void Fill()
    {
        if (_start > 0)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
            _end -= _start;
            _start = 0;
        }

        if (_end == _buffer.Length)
        {
            if (_end >= MaxLineBytes)
            {
                var number = LineNumber + 1;
                throw new PipelineException(
                    TooLong,
                    $"line {number} is longer than {MaxLineBytes:N0} bytes (is this a line-per-record file?)",
                    Display,
                    (int)Math.Min(number, int.MaxValue));
            }

            // One line longer than the buffer: grow (lines are short in practice; this keeps long ones correct).
            Array.Resize(ref _buffer, _buffer.Length * 2);
        }

        var read = stream.Read(_buffer, _end, _buffer.Length - _end);
        if (read == 0)
        {
            _eof = true;
        }

        _end += read;
    }

    private static ReadOnlySpan<byte> Trim(ReadOnlySpan<byte> line) =>
        line.Length > 0 && line[^1] == (byte)'\r' ? line[..^1] : line;

    public void Dispose() => stream.Dispose();
}
