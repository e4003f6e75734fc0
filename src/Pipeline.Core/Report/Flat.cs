using Pipeline.Core.Canonical;
using Pipeline.Core.Tracking.Search;

namespace Pipeline.Core.Report;

/// <summary>Nested params as dotted leaf keys (<c>lora.r</c>), the way the runs table and filters name them.</summary>
internal static class Flat
{
    public static IEnumerable<(string Key, Value Value)> Leaves(ObjectValue obj, string prefix = "")
    {
        foreach (var m in obj.Members)
        {
            var key = prefix + m.Key;
            if (m.Value is ObjectValue inner && inner.Members.Count > 0)
            {
                foreach (var leaf in Leaves(inner, key + "."))
                {
                    yield return leaf;
                }
            }
            else
            {
                yield return (key, m.Value);
            }
        }
    }

    /// <summary>Text of a value for a cell; numbers as Python prints them (exact), strings bare.</summary>
    public static string Show(Value v) => v switch
    {
        StringValue s => s.Value,
        FloatValue f => PythonFloat.Repr(f.Value),
        _ => CanonicalJson.Write(v),
    };

    /// <summary>A table cell for a number: the short form shown, the exact value kept in data-v (sorting, tests).</summary>
    public static string NumberCell(double? v) => v is { } d
        ? $"<td class=\"n\" data-v=\"{Html.Exact(d)}\" title=\"{Html.Exact(d)}\">{Html.Text(ShortNumber.Format(d))}</td>"
        : "<td></td>";

    public static string ValueCell(Value v) => v switch
    {
        IntegerValue i => NumberCell((double)i.Value),
        FloatValue f => $"<td class=\"n\" data-v=\"{Html.Exact(f.Value)}\">{Html.Text(PythonFloat.Repr(f.Value))}</td>",
        _ => $"<td>{Html.Text(Show(v))}</td>",
    };
}
