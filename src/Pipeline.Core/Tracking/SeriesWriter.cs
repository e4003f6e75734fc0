using System.Runtime.CompilerServices;
using System.Buffers.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Pipeline.Core.Tracking;

/// <summary>
/// Appends points to <c>&lt;id&gt;.series.jsonl</c>, one strict-JSON object per line:
/// <c>{"s":step,"t":wall_seconds,"k":"key","v":value}</c> (<c>t</c> omitted when unknown; non-finite <c>v</c> as
/// "NaN"/"Infinity"/"-Infinity"). Lines are formatted into a private buffer and reach the file only whole, at
/// <see cref="Flush"/>, so a process killed between flushes leaves at most one torn last line, which readers skip.
/// Not thread-safe: <see cref="RunLogger"/> serialises access.
/// </summary>
public sealed class SeriesWriter : ISeriesSink
{
    private readonly FileStream _file;
    private readonly Dictionary<string, byte[]> _keyCache = new(StringComparer.Ordinal);
    private readonly byte[] _wallText = new byte[32];
    private byte[] _buffer = new byte[1 << 16];
    private int _length;
    private long _wallMillis = long.MinValue;
    private int _wallLength;

    public SeriesWriter(string path, bool append = false)
    {
        _file = new FileStream(path, append ? FileMode.Append : FileMode.Create, FileAccess.Write, FileShare.Read, 1, FileOptions.None);
    }

    public long Points { get; private set; }

    /// <summary>Bytes formatted but not yet handed to the file.</summary>
    public int Pending => _length;

    public void Write(string key, long step, double wall, double value) => Write(key, step, wall, default, value, default);

    /// <summary>
    /// As <see cref="Write(string,long,double,double)"/>, but copies the source's own number text when given: a JSON
    /// number token already reads back to exactly this double, so re-formatting it would only cost time.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Write(string key, long step, double wall, ReadOnlySpan<byte> wallText, double value, ReadOnlySpan<byte> valueText)
    {
        if (!_keyCache.TryGetValue(key, out var keyBytes))
        {
            keyBytes = EncodeKey(key);
            _keyCache[key] = keyBytes;
        }

        // Worst case: fixed punctuation + 20-digit step + two 32-byte numbers + the key.
        var need = 64 + 20 + 32 + 32 + keyBytes.Length + wallText.Length + valueText.Length;
        if (_buffer.Length - _length < need)
        {
            if (_length > 0)
            {
                Flush();
            }

            if (_buffer.Length < need)
            {
                _buffer = new byte[need * 2];
            }
        }

        var span = _buffer.AsSpan(_length);
        var n = 0;
        n += Put(span[n..], "{\"s\":"u8);
        Utf8Formatter.TryFormat(step, span[n..], out var w);
        n += w;
        if (double.IsFinite(wall))
        {
            n += Put(span[n..], ",\"t\":"u8);
            n += wallText.IsEmpty ? SeriesNumber.WriteFinite(wall, span[n..]) : Put(span[n..], wallText);
        }

        n += Put(span[n..], ",\"k\":"u8);
        n += Put(span[n..], keyBytes);
        n += Put(span[n..], ",\"v\":"u8);
        if (double.IsFinite(value))
        {
            n += valueText.IsEmpty ? SeriesNumber.WriteFinite(value, span[n..]) : Put(span[n..], valueText);
        }
        else
        {
            n += Put(span[n..], double.IsNaN(value) ? "\"NaN\""u8 : value > 0 ? "\"Infinity\""u8 : "\"-Infinity\""u8);
        }

        n += Put(span[n..], "}\n"u8);
        _length += n;
        Points++;
    }

    /// <summary>
    /// A live point stamped in Unix milliseconds (the tracking API's case): the time is written as seconds with three
    /// decimals from integers, and reused while the millisecond does not change, so a hot logging loop formats one
    /// double per point instead of two.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void WriteAt(string key, long step, long unixMillis, double value)
    {
        if (unixMillis != _wallMillis)
        {
            _wallMillis = unixMillis;
            var n = 0;
            if (unixMillis < 0)
            {
                _wallText[n++] = (byte)'-';
            }

            var seconds = Math.DivRem(Math.Abs(unixMillis), 1000, out var ms);
            Utf8Formatter.TryFormat(seconds, _wallText.AsSpan(n), out var digits);
            n += digits;
            _wallText[n++] = (byte)'.';
            Utf8Formatter.TryFormat((int)ms, _wallText.AsSpan(n), out var m, new System.Buffers.StandardFormat('D', 3));
            _wallLength = n + m;
        }

        Write(key, step, unixMillis / 1000.0, _wallText.AsSpan(0, _wallLength), value, default);
    }

    /// <summary>Hands every complete line formatted so far to the operating system (survives a killed process).</summary>
    public void Flush()
    {
        if (_length > 0)
        {
            _file.Write(_buffer, 0, _length);
            _length = 0;
        }

        _file.Flush(flushToDisk: false);
    }

    public void Dispose()
    {
        Flush();
        _file.Dispose();
    }

    private static int Put(Span<byte> dest, ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(dest);
        return bytes.Length;
    }

    private static byte[] EncodeKey(string key)
    {
        using var ms = new MemoryStream();
        using (var w = new Utf8JsonWriter(ms, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStringValue(key);
        }

        return ms.ToArray();
    }
}
