using System.Collections;
using System.Globalization;
using System.Numerics;
using Pipeline.Core.Canonical;

namespace Pipeline.Core.Tracking;

/// <summary>
/// Turns C# param values into the <see cref="Value"/> model with Python's typing: integers stay integers, doubles
/// stay doubles, a float keeps the digits the programmer wrote (0.1f is 0.1, not 0.10000000149).
/// </summary>
public static class ParamValues
{
    public static Value From(object? value) => value switch
    {
        null => Value.Null,
        Value v => v,
        bool b => new BoolValue(b),
        string s => new StringValue(s),
        sbyte or byte or short or ushort or int or uint or long => new IntegerValue(Convert.ToInt64(value, CultureInfo.InvariantCulture)),
        ulong u => new IntegerValue(new BigInteger(u)),
        BigInteger big => new IntegerValue(big),
        double d => double.IsFinite(d) ? new FloatValue(d) : new StringValue(SeriesNumber.NonFiniteText(d)),
        float f =>
            double.IsFinite(f)
                ? new FloatValue(double.Parse(f.ToString("R", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture))
                : new StringValue(SeriesNumber.NonFiniteText(f)),
        decimal m => new FloatValue((double)m),
        Enum e => new StringValue(e.ToString()),
        IDictionary dict =>
            new ObjectValue(
                dict.Keys.Cast<object>()
                    .Select(k => new Member(Convert.ToString(k, CultureInfo.InvariantCulture) ?? "", From(dict[k]), 0))
                    .ToArray()),
        IEnumerable list => new ArrayValue(list.Cast<object?>().Select(From).ToArray()),
        IFormattable f => new StringValue(f.ToString(null, CultureInfo.InvariantCulture)),
        _ => new StringValue(value.ToString() ?? ""),
    };
}
