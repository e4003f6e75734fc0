using System.IO.Compression;
using System.Runtime.CompilerServices;
using System.Text;

namespace Pipeline.Core.Tracking;

/// <summary>
/// Writes the compact series format (<see cref="CompactSeries"/>) in one pass with flat memory: per key only the
/// previous step and the two number states are kept. The file is complete only after <see cref="Dispose"/>; callers
/// write a temporary name and rename it, so a reader never sees half a file.
/// </summary>
public sealed class CompactSeriesWriter : ISeriesSink
{
    private readonly Stream _file;
    private readonly ZLibStream _zlib;
    private readonly Dictionary<string, KeyState> _keys = new(StringComparer.Ordinal);

    // One wall-clock state for all keys: the keys logged at one step share a timestamp, so most deltas are zero.
    private readonly NumberState _wall = new();
    private readonly byte[] _buffer = new byte[1 << 16];
    private int _length;
    private bool _disposed;

    public CompactSeriesWriter(string path)
        : this(new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
    {
    }

    public CompactSeriesWriter(Stream output)
    {
        _file = output;
        _file.Write(CompactSeries.Magic);
        _zlib = new ZLibStream(_file, CompressionLevel.SmallestSize, leaveOpen: true);
    }

    public long Points { get; private set; }

    public void Write(string key, long step, double wall, ReadOnlySpan<byte> wallText, double value, ReadOnlySpan<byte> valueText) =>
        Write(key, step, wall, value);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Write(string key, long step, double wall, double value)
    {
        if (_buffer.Length - _length < 64)
        {
            Drain();
        }

        if (!_keys.TryGetValue(key, out var state))
        {
            var name = Encoding.UTF8.GetBytes(key);
            state = new KeyState(_keys.Count);
            _keys[key] = state;
            PutVarint((ulong)state.Index);
            PutVarint((ulong)name.Length);
            if (_buffer.Length - _length < name.Length + 64)
            {
                Drain();
            }

            name.CopyTo(_buffer.AsSpan(_length));
            _length += name.Length;
        }
        else
        {
            PutVarint((ulong)state.Index);
        }

        PutVarint(CompactSeries.Zig(unchecked(step - state.Step)));
        state.Step = step;
        PutNumber(wall, _wall);
        PutNumber(value, state.Value);
        Points++;
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        Drain();
        _zlib.Dispose();
        _file.Dispose();
    }

    /// <summary>The shortest token that gives back exactly these bits (the reader follows the same state rules).</summary>
    private void PutNumber(double value, NumberState st)
    {
        if (double.IsNaN(value))
        {
            PutVarint(CompactSeries.RawNaN << 2 | CompactSeries.TagRaw);
            return;
        }

        var bits = BitConverter.DoubleToInt64Bits(value);
        if (CompactSeries.TryDecimal(value, bits, st.Exponent, out var m))
        {
            var token = CompactSeries.Zig(m - st.Mantissa) << 2 | CompactSeries.TagDecimalDelta;
            if (VarintLength(token) <= 2)
            {
                PutVarint(token);
                st.Mantissa = m;
                st.Bits = bits;
                return;
            }
        }
        else
        {
            m = long.MinValue;
        }

        // Candidates, cheapest wins: decimal delta at the current exponent, bits delta, a new exponent, float32, float64.
        var bestCost = 9;
        var best = 4;
        if (m != long.MinValue)
        {
            bestCost = VarintLength(CompactSeries.Zig(m - st.Mantissa) << 2);
            best = 0;
        }

        var bitsDelta = unchecked(bits - st.Bits);
        if (bitsDelta is > -(1L << 60) and < 1L << 60 && VarintLength(CompactSeries.Zig(bitsDelta) << 2) < bestCost)
        {
            bestCost = VarintLength(CompactSeries.Zig(bitsDelta) << 2);
            best = 1;
        }

        var newExponent = -1;
        long newMantissa = 0;
        if (bestCost > 2)
        {
            for (var e = 0; e <= CompactSeries.MaxExponent; e++)
            {
                if (e != st.Exponent && CompactSeries.TryDecimal(value, bits, e, out var candidate))
                {
                    var cost = VarintLength((ulong)e << 2) + VarintLength(CompactSeries.Zig(candidate));
                    if (cost < bestCost)
                    {
                        bestCost = cost;
                        best = 2;
                        newExponent = e;
                        newMantissa = candidate;
                    }

                    break;
                }
            }
        }

        if (5 < bestCost && BitConverter.DoubleToInt64Bits((float)value) == bits)
        {
            best = 3;
        }

        switch (best)
        {
            case 0:
                PutVarint(CompactSeries.Zig(m - st.Mantissa) << 2 | CompactSeries.TagDecimalDelta);
                st.Mantissa = m;
                break;
            case 1:
                PutVarint(CompactSeries.Zig(bitsDelta) << 2 | CompactSeries.TagBitsDelta);
                break;
            case 2:
                PutVarint((ulong)newExponent << 2 | CompactSeries.TagDecimalSet);
                PutVarint(CompactSeries.Zig(newMantissa));
                st.Exponent = newExponent;
                st.Mantissa = newMantissa;
                break;
            case 3:
                PutVarint(CompactSeries.RawFloat32 << 2 | CompactSeries.TagRaw);
                BitConverter.TryWriteBytes(_buffer.AsSpan(_length), (float)value);
                _length += 4;
                break;
            default:
                PutVarint(CompactSeries.RawFloat64 << 2 | CompactSeries.TagRaw);
                BitConverter.TryWriteBytes(_buffer.AsSpan(_length), bits);
                _length += 8;
                break;
        }

        st.Bits = bits;
    }

    private static int VarintLength(ulong v)
    {
        var n = 1;
        while (v >= 0x80)
        {
            v >>= 7;
            n++;
        }

        return n;
    }

    private void PutVarint(ulong v)
    {
        while (v >= 0x80)
        {
            _buffer[_length++] = (byte)(v | 0x80);
            v >>= 7;
        }

        _buffer[_length++] = (byte)v;
    }

    private void Drain()
    {
        if (_length > 0)
        {
            _zlib.Write(_buffer, 0, _length);
            _length = 0;
        }
    }

    private sealed class KeyState(int index)
    {
        public int Index { get; } = index;

        public long Step { get; set; }

        public NumberState Value { get; } = new();
    }
}

/// <summary>One number column's state, the same on both sides: decimal exponent and mantissa, previous IEEE bits.</summary>
internal sealed class NumberState
{
    public int Exponent { get; set; }

    public long Mantissa { get; set; }

    public long Bits { get; set; }
}
