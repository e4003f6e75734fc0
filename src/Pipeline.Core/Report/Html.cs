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
    public static string Num(double v) => double.IsFinite(v) ? Math.Round(v, 2).ToString("0.##", CultureInfo.InvariantCulture) : "0";

    /// <summary>A full-precision number for data-v attributes (sorting) and the DOM text tests compare against.</summary>
    public static string Exact(double v) => double.IsFinite(v) ? v.ToString("R", CultureInfo.InvariantCulture) : double.IsNaN(v) ? "NaN" : v > 0 ? "Infinity" : "-Infinity";

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
