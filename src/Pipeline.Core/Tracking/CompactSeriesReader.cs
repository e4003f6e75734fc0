using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using Pipeline.Core.Diagnostics;

namespace Pipeline.Core.Tracking;

/// <summary>
/// Streams a compact series file (<see cref="CompactSeries"/>) back in logging order through a refilled buffer, so
/// memory stays flat whatever the length. A file that ends mid-point or does not decompress is refused (PIPE3513): a
/// compact file is written whole and renamed into place, so damage is never a torn write that could be skipped.
/// </summary>
internal sealed class CompactSeriesReader
{
    private readonly Stream _input;
    private readonly string _display;
    private readonly byte[] _buffer = new byte[1 << 16];
    private int _pos;
    private int _end;
    private bool _eof;

    private CompactSeriesReader(Stream input, string display)
    {
        _input = input;
        _display = display;
    }

    public static IEnumerable<MetricPoint> Read(string path, string display)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1, FileOptions.SequentialScan);
        Span<byte> magic = stackalloc byte[8];
        if (file.ReadAtLeast(magic, 8, throwOnEndOfStream: false) != 8 || !magic.SequenceEqual(CompactSeries.Magic))
        {
            throw Corrupt(display, "it does not start with PLSERIE1");
        }

        using var zlib = new ZLibStream(file, CompressionMode.Decompress);
        foreach (var point in new CompactSeriesReader(zlib, display).Points())
        {
            yield return point;
        }
    }

    private IEnumerable<MetricPoint> Points()
    {
        var keys = new List<(string Name, KeyCursor State)>();
        var clock = new NumberState();
        while (Fill(64))
        {
            var index = ReadVarint();
            if (index == (ulong)keys.Count)
            {
                var length = (int)Math.Min(ReadVarint(), 1 << 20);
                if (!Fill(length + 64) && _end - _pos < length)
                {
                    throw Corrupt(_display, "it ends inside a key name");
                }

                keys.Add((Encoding.UTF8.GetString(_buffer, _pos, length), new KeyCursor()));
                _pos += length;
            }
            else if (index > (ulong)keys.Count)
            {
                throw Corrupt(_display, $"point names key #{index} before it was defined");
            }

            var (name, state) = keys[(int)index];
            state.Step = unchecked(state.Step + CompactSeries.Unzig(ReadVarint()));
            var wall = ReadNumber(clock);
            var value = ReadNumber(state.Value);
            if (_pos > _end)
            {
                throw Corrupt(_display, "it ends inside a point");
            }

            yield return new MetricPoint(name, state.Step, wall, value);
        }
    }

    private double ReadNumber(NumberState st)
    {
        var token = ReadVarint();
        var payload = token >> 2;
        double value;
        switch ((int)(token & 3))
        {
            case CompactSeries.TagDecimalDelta:
                st.Mantissa = unchecked(st.Mantissa + CompactSeries.Unzig(payload));
                value = Decimal(st);
                break;
            case CompactSeries.TagDecimalSet:
                st.Exponent = payload <= CompactSeries.MaxExponent
                    ? (int)payload
                    : throw Corrupt(_display, $"decimal exponent {payload} is above {CompactSeries.MaxExponent}");
                st.Mantissa = CompactSeries.Unzig(ReadVarint());
                value = Decimal(st);
                break;
            case CompactSeries.TagBitsDelta:
                value = BitConverter.Int64BitsToDouble(unchecked(st.Bits + CompactSeries.Unzig(payload)));
                break;
            default:
                if (payload == CompactSeries.RawNaN)
                {
                    return double.NaN;
                }

                var width = payload == CompactSeries.RawFloat32 ? 4 : 8;
                if (_end - _pos < width)
                {
                    throw Corrupt(_display, "it ends inside a number");
                }

                if (payload == CompactSeries.RawFloat32)
                {
                    value = BinaryPrimitives.ReadSingleLittleEndian(_buffer.AsSpan(_pos, 4));
                    _pos += 4;
                }
                else if (payload == CompactSeries.RawFloat64)
                {
                    value = BinaryPrimitives.ReadDoubleLittleEndian(_buffer.AsSpan(_pos, 8));
                    _pos += 8;
                }
                else
                {
                    throw Corrupt(_display, $"unknown number token {token}");
                }

                break;
        }

        st.Bits = BitConverter.DoubleToInt64Bits(value);
        return value;
    }

    private double Decimal(NumberState st) =>
        Math.Abs(st.Mantissa) < CompactSeries.MaxMantissa
            ? st.Mantissa / CompactSeries.Pow10[st.Exponent]
            : throw Corrupt(_display, "a decimal mantissa is not below 2^53");

    private ulong ReadVarint()
    {
        ulong result = 0;
        for (var shift = 0; shift < 70; shift += 7)
        {
            if (_pos >= _end)
            {
                throw Corrupt(_display, "it ends inside a point");
            }

            var b = _buffer[_pos++];
            result |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return result;
            }
        }

        throw Corrupt(_display, "a varint runs past 10 bytes");
    }

    /// <summary>Tops the buffer up to at least <paramref name="want"/> bytes when the stream has them; false at the end.</summary>
    private bool Fill(int want)
    {
        if (_end - _pos < want && !_eof)
        {
            if (_pos > 0)
            {
                _buffer.AsSpan(_pos, _end - _pos).CopyTo(_buffer);
                _end -= _pos;
                _pos = 0;
            }

            try
            {
                while (_end < Math.Min(want, _buffer.Length))
                {
                    var n = _input.Read(_buffer, _end, _buffer.Length - _end);
                    if (n == 0)
                    {
                        _eof = true;
                        break;
                    }

                    _end += n;
                }
            }
            catch (InvalidDataException ex)
            {
                throw Corrupt(_display, $"its zlib stream is damaged ({ex.Message})");
            }
        }

        return _end > _pos;
    }

    private static PipelineException Corrupt(string display, string why) =>
        new(PipeCodes.SeriesCorrupt, $"compact series file cannot be read: {why}", display);

    private sealed class KeyCursor
    {
        public long Step { get; set; }

        public NumberState Value { get; } = new();
    }
}
