using System.Globalization;
using System.Numerics;
using System.Text;

namespace Pipeline.Core.Canonical;

/// <summary>
/// Python's <c>repr(float)</c>: the shortest digit string that reads back to the same double, laid out with
/// CPython's rule (exponent form when the decimal point position is &lt;= -4 or &gt; 16, else fixed with ".0").
/// </summary>
public static class PythonFloat
{
    public static string Repr(double d)
    {
        if (double.IsNaN(d) || double.IsInfinity(d))
        {
            throw new ArgumentOutOfRangeException(nameof(d), "NaN and Infinity have no canonical form");
        }

        if (d == 0)
        {
            return double.IsNegative(d) ? "-0.0" : "0.0";
        }

        var (digits, decpt) = ShortestDigits(Math.Abs(d));
        var sb = new StringBuilder(32);
        if (d < 0)
        {
            sb.Append('-');
        }

        Layout(sb, digits, decpt);
        return sb.ToString();
    }

    /// <summary>Digits d1..dn (no trailing zeros) and decpt such that |d| = 0.d1..dn × 10^decpt.</summary>
    internal static (string Digits, int DecimalPoint) ShortestDigits(double abs)
    {
        var r = abs.ToString("R", CultureInfo.InvariantCulture);
        // The runtime's shortest formatting does not always round-trip on this .NET (2^-25, 2^-958:
        // dotnet/runtime#131131); when it fails we search the shortest correct digits exactly.
        if (double.Parse(r, CultureInfo.InvariantCulture) == abs)
        {
            return Split(r);
        }

        return ExactShortest(abs);
    }

    private static (string Digits, int DecimalPoint) Split(string r)
    {
        var e = r.IndexOfAny(['E', 'e']);
        var exp = 0;
        var mantissa = r;
        if (e >= 0)
        {
            exp = int.Parse(r.AsSpan(e + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            mantissa = r[..e];
        }

        var dot = mantissa.IndexOf('.');
        var intPart = dot >= 0 ? mantissa[..dot] : mantissa;
        var frac = dot >= 0 ? mantissa[(dot + 1)..] : "";
        var all = intPart + frac;
        var decpt = intPart.Length + exp;
        var lead = 0;
        while (lead < all.Length - 1 && all[lead] == '0')
        {
            lead++;
            decpt--;
        }

        var digits = all[lead..].TrimEnd('0');
        return (digits.Length == 0 ? "0" : digits, decpt);
    }

    private static (string Digits, int DecimalPoint) ExactShortest(double abs)
    {
        for (var p = 1; p <= 17; p++)
        {
            var (m, exp10) = SplitScientific(abs.ToString("E" + (p - 1), CultureInfo.InvariantCulture));
            BigInteger? best = null;
            BigInteger bestDistance = default;
            for (var delta = -1; delta <= 1; delta++)
            {
                var candidate = m + delta;
                if (candidate <= 0)
                {
                    continue;
                }

                var text = candidate.ToString(CultureInfo.InvariantCulture) + "e" + exp10.ToString(CultureInfo.InvariantCulture);
                if (double.Parse(text, CultureInfo.InvariantCulture) != abs)
                {
                    continue;
                }

                var distance = Distance(candidate, exp10, abs);
                var better = best is null
                    || distance < bestDistance
                    || (distance == bestDistance && candidate.IsEven);
                if (better)
                {
                    best = candidate;
                    bestDistance = distance;
                }
            }

            if (best is BigInteger found)
            {
                var s = found.ToString(CultureInfo.InvariantCulture);
                return Split(s + "E" + exp10.ToString(CultureInfo.InvariantCulture));
            }
        }

        return Split(abs.ToString("E16", CultureInfo.InvariantCulture));
    }

    /// <summary>"d.ddddE+xxx" → (integer mantissa dddd, exponent of its last digit).</summary>
    private static (BigInteger Mantissa, int Exp10) SplitScientific(string s)
    {
        var e = s.IndexOf('E');
        var exp = int.Parse(s.AsSpan(e + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        var mant = s[..e].Replace(".", "", StringComparison.Ordinal);
        return (BigInteger.Parse(mant, CultureInfo.InvariantCulture), exp - (mant.Length - 1));
    }

    /// <summary>|candidate × 10^exp10 − abs|, scaled to an integer by a common factor (only compared, never shown).</summary>
    private static BigInteger Distance(BigInteger candidate, int exp10, double abs)
    {
        var bits = BitConverter.DoubleToInt64Bits(abs);
        var rawExp = (int)((bits >> 52) & 0x7FF);
        var frac = bits & 0xFFFFFFFFFFFFFL;
        BigInteger mant = rawExp == 0 ? frac : frac | (1L << 52);
        var exp2 = (rawExp == 0 ? 1 : rawExp) - 1075;

        // value = mant × 2^exp2; candidate = c × 10^exp10. Multiply both by 2^max(0,-exp2) × 10^max(0,-exp10).
        var left = candidate;
        var right = mant;
        if (exp10 >= 0)
        {
            left *= BigInteger.Pow(10, exp10);
        }
        else
        {
            right *= BigInteger.Pow(10, -exp10);
        }

        if (exp2 >= 0)
        {
            right <<= exp2;
        }
        else
        {
            left <<= -exp2;
        }

        return BigInteger.Abs(left - right);
    }

    private static void Layout(StringBuilder sb, string digits, int decpt)
    {
        var n = digits.Length;
        if (decpt <= -4 || decpt > 16)
        {
            sb.Append(digits[0]);
            if (n > 1)
            {
                sb.Append('.').Append(digits, 1, n - 1);
            }

            var exp = decpt - 1;
            sb.Append('e').Append(exp < 0 ? '-' : '+');
            var mag = Math.Abs(exp);
            if (mag < 10)
            {
                sb.Append('0');
            }

            sb.Append(mag.ToString(CultureInfo.InvariantCulture));
        }
        else if (decpt <= 0)
        {
            sb.Append("0.").Append('0', -decpt).Append(digits);
        }
        else if (decpt >= n)
        {
            sb.Append(digits).Append('0', decpt - n).Append(".0");
        }
        else
        {
            sb.Append(digits, 0, decpt).Append('.').Append(digits, decpt, n - decpt);
        }
    }
}
