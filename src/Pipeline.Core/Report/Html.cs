using System.Globalization;
using System.Text;

namespace Pipeline.Core.Report;

/// <summary>
/// Escaping for everything the report writes from user data (run names, params, reasons, descriptions): text and
/// attribute values are escaped, so a hostile run name cannot add markup or script to the page.
/// </summary>
internal static class Html
{
    public static string Text(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "";
        }

        var sb = new StringBuilder(value.Length + 8);
        foreach (var c in value)
        {
            switch (c)
            {
                case '<': sb.Append("&lt;"); break;
                case '>': sb.Append("&gt;"); break;
                case '&': sb.Append("&amp;"); break;
                case '"': sb.Append("&quot;"); break;
                case '\'': sb.Append("&#39;"); break;
                default:
                    // Control characters (ANSI escapes, NUL) are shown as their code, never passed through.
                    if (char.IsControl(c) && c is not '\n' and not '\t')
                    {
                        sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        sb.Append(c);
                    }

                    break;
            }
        }

        return sb.ToString();
    }

    /// <summary>A number for an attribute or SVG coordinate: invariant, short, never "NaN".</summary>
    /// <summary>
    /// <see cref="Num"/> appended without a string: chart paths hold ~16,000 coordinates a run page, and the custom
    /// "0.##" format was most of a large report's rendering time. Same text, from integer hundredths.
    /// </summary>
    public static StringBuilder AppendNum(StringBuilder sb, double v)
    {
        var rounded = double.IsFinite(v) ? Math.Round(v, 2) : 0;
        var hundredths = Math.Round(rounded * 100);
        if (!(Math.Abs(hundredths) < 1e15) || (hundredths == 0 && double.IsNegative(rounded)))
        {
            return sb.Append(Num(v));
        }

        var h = (long)hundredths;
        if (h < 0)
        {
            sb.Append('-');
            h = -h;
        }

        sb.Append(h / 100);
        var cents = (int)(h % 100);
        if (cents != 0)
        {
            sb.Append('.').Append((char)('0' + (cents / 10)));
            if (cents % 10 != 0)
            {
                sb.Append((char)('0' + (cents % 10)));
            }
        }

        return sb;
    }

    public static string Num(double v) => double.IsFinite(v) ? Math.Round(v, 2).ToString("0.##", CultureInfo.InvariantCulture) : "0";

    /// <summary>A full-precision number for data-v attributes (sorting) and the DOM text tests compare against.</summary>
    public static string Exact(double v) =>
        double.IsFinite(v) ? v.ToString("R", CultureInfo.InvariantCulture) : double.IsNaN(v) ? "NaN" : v > 0 ? "Infinity" : "-Infinity";

    /// <summary>
    /// A file name for a model, version or run id: letters, digits, '.', '-' kept; everything else as _XX (hex of the
    /// UTF-8 bytes), so 'org/model' and 'org_2fmodel' never collide and no name climbs out of the site folder.
    /// </summary>
    public static string FileName(string name)
    {
        var sb = new StringBuilder();
        foreach (var b in Encoding.UTF8.GetBytes(name))
        {
            var c = (char)b;
            if (char.IsAsciiLetterOrDigit(c) || (c is '-' or '.' && sb.Length > 0))
            {
                sb.Append(c);
            }
            else
            {
                sb.Append('_').Append(b.ToString("x2", CultureInfo.InvariantCulture));
            }
        }

        return sb.ToString();
    }
}
