using System.Globalization;

namespace Pipeline.Core.Tracking.Search;

/// <summary>
/// Numbers for people: 4 significant digits (2.878787878787879 → 2.879, 1.2345e-05 → 1.234e-05), integers as they
/// are, NaN and ±inf by name. Machine output (--json) keeps the full value; this is only for tables.
/// </summary>
public static class ShortNumber
{
    public static string Format(double value)
    {
        if (double.IsNaN(value))
        {
            return "nan";
        }

        if (double.IsInfinity(value))
        {
            return value > 0 ? "inf" : "-inf";
        }

        if (value == Math.Floor(value) && Math.Abs(value) < 1e15)
        {
            return value.ToString("0", CultureInfo.InvariantCulture);
        }

        var text = value.ToString("G4", CultureInfo.InvariantCulture);
        var e = text.IndexOf('E');
        if (e < 0)
        {
            return text;
        }

        // .NET writes 1.234E-05; Python and most plots write 1.234e-05.
        var exponent = int.Parse(text[(e + 1)..], CultureInfo.InvariantCulture);
        return text[..e] + "e" + (exponent < 0 ? "-" : "+") + Math.Abs(exponent).ToString("00", CultureInfo.InvariantCulture);
    }

    /// <summary>A field value for a table cell: numbers shortened, text as is, "-" when missing.</summary>
    public static string Cell(FieldValue value) => value.Number is { } n ? Format(n) : value.Text ?? "-";
}
