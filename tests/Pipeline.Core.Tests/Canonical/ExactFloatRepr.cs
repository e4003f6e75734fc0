using System.Globalization;
using System.Numerics;
using System.Text;

namespace Pipeline.Core.Tests.Canonical;

/// <summary>
/// A slow, exact reference for Python's repr(float), written from the definition and sharing no code with
/// PythonFloat: among the decimals that round to d (the half-way interval to its neighbours, ends included when
/// d's significand is even, as round-half-even reading does), take those with the fewest significant digits, then
/// the one closest to d, then the one with an even last digit. Everything is exact BigInteger arithmetic.
/// </summary>
internal static class ExactFloatRepr
{
    public static string Repr(double d)
    {
        if (d == 0)
        {
            return double.IsNegative(d) ? "-0.0" : "0.0";
        }

        var (digits, decpt) = Shortest(Math.Abs(d));
        return (d < 0 ? "-" : "") + Layout(digits, decpt);
    }

    private static (string Digits, int DecimalPoint) Shortest(double v)
    {
        var bits = BitConverter.DoubleToInt64Bits(v);
        var biased = (int)(bits >> 52);
        var fraction = bits & ((1L << 52) - 1);
        BigInteger m = biased == 0 ? fraction : fraction | (1L << 52);
        var e = (biased == 0 ? 1 : biased) - 1075; // v = m × 2^e

        // Interval ends in units of 2^(e-2): v = 4m, neighbours' midpoints at 4m ± 2, except below a power of
        // two, where the lower neighbour is twice as close (4m - 1).
        var lowerCloser = fraction == 0 && biased > 1;
        var scaledV = 4 * m;
        var scaledLow = lowerCloser ? scaledV - 1 : scaledV - 2;
        var scaledHigh = scaledV + 2;
        var inclusive = m.IsEven;
        var shift = e - 2;

        var e10 = FloorLog10(scaledV, shift);
        for (var p = 1; p <= 17; p++)
        {
            var k = e10 - p + 1; // candidates c × 10^k with about p digits
            var cLow = DivCeil(scaledLow, shift, k);
            var cHigh = DivFloor(scaledHigh, shift, k);
            BigInteger? best = null;
            var bestDistance = BigInteger.Zero;
            for (var c = cLow - 1; c <= cHigh + 1; c++)
            {
                var lowCmp = Compare(c, k, scaledLow, shift);
                var highCmp = Compare(c, k, scaledHigh, shift);
                var inside = inclusive ? lowCmp >= 0 && highCmp <= 0 : lowCmp > 0 && highCmp < 0;
                if (!inside || c <= 0)
                {
                    continue;
                }

                var distance = Distance(c, k, scaledV, shift);
                if (best is null || distance < bestDistance || (distance == bestDistance && c.IsEven))
                {
                    best = c;
                    bestDistance = distance;
                }
            }

            if (best is BigInteger found)
            {
                var s = found.ToString(CultureInfo.InvariantCulture);
                var trimmed = s.TrimEnd('0');
                return (trimmed, s.Length + k);
            }
        }

        throw new InvalidOperationException("17 digits always suffice");
    }

    /// <summary>Sign of c×10^k − x×2^shift.</summary>
    private static int Compare(BigInteger c, int k, BigInteger x, int shift)
    {
        var (left, right) = Common(c, k, x, shift);
        return left.CompareTo(right);
    }

    private static BigInteger Distance(BigInteger c, int k, BigInteger x, int shift)
    {
        var (left, right) = Common(c, k, x, shift);
        return BigInteger.Abs(left - right);
    }

    private static (BigInteger Left, BigInteger Right) Common(BigInteger c, int k, BigInteger x, int shift)
    {
        var left = c;
        var right = x;
        if (k >= 0)
        {
            left *= Pow10(k);
        }
        else
        {
            right *= Pow10(-k);
        }

        if (shift >= 0)
        {
            right <<= shift;
        }
        else
        {
            left <<= -shift;
        }

        return (left, right);
    }

    private static BigInteger DivFloor(BigInteger x, int shift, int k)
    {
        var (num, den) = Ratio(x, shift, k);
        return BigInteger.Divide(num, den);
    }

    private static BigInteger DivCeil(BigInteger x, int shift, int k)
    {
        var (num, den) = Ratio(x, shift, k);
        return BigInteger.Divide(num + den - 1, den);
    }

    /// <summary>x×2^shift / 10^k as num/den (both positive).</summary>
    private static (BigInteger Num, BigInteger Den) Ratio(BigInteger x, int shift, int k)
    {
        BigInteger num = x, den = 1;
        if (shift >= 0)
        {
            num <<= shift;
        }
        else
        {
            den <<= -shift;
        }

        if (k >= 0)
        {
            den *= Pow10(k);
        }
        else
        {
            num *= Pow10(-k);
        }

        return (num, den);
    }

    /// <summary>floor(log10(x×2^shift)), exactly.</summary>
    private static int FloorLog10(BigInteger x, int shift)
    {
        var t = (int)Math.Floor((BigInteger.Log10(x) + shift * Math.Log10(2)));
        while (Compare(1, t, x, shift) > 0)
        {
            t--;
        }

        while (Compare(1, t + 1, x, shift) <= 0)
        {
            t++;
        }

        return t;
    }

    // Exponents stay within ±1100; caching the powers keeps the reference fast enough to run on thousands of doubles.
    private static readonly BigInteger[] Powers = BuildPowers(1200);

    private static BigInteger Pow10(int n) => Powers[n];

    private static BigInteger[] BuildPowers(int count)
    {
        var powers = new BigInteger[count];
        powers[0] = 1;
        for (var i = 1; i < count; i++)
        {
            powers[i] = powers[i - 1] * 10;
        }

        return powers;
    }

    /// <summary>CPython's float_repr layout: exponent form when decpt &lt;= -4 or decpt &gt; 16.</summary>
    private static string Layout(string digits, int decpt)
    {
        var sb = new StringBuilder();
        if (decpt <= -4 || decpt > 16)
        {
            sb.Append(digits[0]);
            if (digits.Length > 1)
            {
                sb.Append('.').Append(digits, 1, digits.Length - 1);
            }

            var exp = decpt - 1;
            sb.Append('e').Append(exp < 0 ? '-' : '+').Append(Math.Abs(exp).ToString("00", CultureInfo.InvariantCulture));
        }
        else if (decpt <= 0)
        {
            sb.Append("0.").Append('0', -decpt).Append(digits);
        }
        else if (decpt >= digits.Length)
        {
            sb.Append(digits).Append('0', decpt - digits.Length).Append(".0");
        }
        else
        {
            sb.Append(digits, 0, decpt).Append('.').Append(digits, decpt, digits.Length - decpt);
        }

        return sb.ToString();
    }
}
