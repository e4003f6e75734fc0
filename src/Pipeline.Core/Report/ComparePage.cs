using System.Text;
using Pipeline.Core.Canonical;
using Pipeline.Core.Tracking;

namespace Pipeline.Core.Report;

/// <summary>
/// Several runs overlaid: one chart per metric with a line per run (toggled by the checkboxes), and the params side by
/// side with the ones that differ highlighted.
/// </summary>
internal static class ComparePage
{
    public const int MaxRuns = 8;

    public static string Render(
        ReportInput input,
        string title,
        IReadOnlyList<RunRecord> runs,
        Func<RunRecord, IReadOnlyDictionary<string, ChartSeries>> seriesOf,
        string depth = "../") =>
        Write(new StringBuilder(), input, title, runs, seriesOf, depth).ToString();

    /// <summary>The whole page (shell included) appended to <paramref name="into"/>, which the site streams to its file.</summary>
    public static StringBuilder Write(
        StringBuilder into,
        ReportInput input,
        string title,
        IReadOnlyList<RunRecord> runs,
        Func<RunRecord, IReadOnlyDictionary<string, ChartSeries>> seriesOf,
        string depth = "../")
    {
        var sb = Page.Open(into, title, depth, input.Source);
        sb.Append("<h1>").Append(Html.Text(title)).Append("</h1><p class=\"legend\">");
        for (var i = 0; i < runs.Count; i++)
        {
            sb.Append("<label style=\"color:")
                .Append(SvgChart.Palette[i % SvgChart.Palette.Length])
                .Append("\"><input type=\"checkbox\" class=\"series js-only\" value=\"")
              .Append(i)
                  .Append("\" checked> ■ <a href=\"")
                  .Append(Page.RunHref(depth, runs[i].Id))
                  .Append("\">")
                  .Append(Html.Text(runs[i].Name))
                  .Append("</a></label> ");
        }

        sb.Append("</p>");
        var leaves = runs.Select(r => Flat.Leaves(r.Params).ToDictionary(l => l.Key, l => CanonicalJson.Write(l.Value), StringComparer.Ordinal))
            .ToArray();
        var keys = leaves.SelectMany(l => l.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        sb.Append("<h2>Params</h2><table id=\"params\"><thead><tr><th></th>");
        foreach (var r in runs)
        {
            sb.Append("<th>").Append(Html.Text(r.Name)).Append("</th>");
        }

        sb.Append("</tr></thead><tbody>");
        foreach (var key in keys)
        {
            var cells = leaves.Select(l => l.TryGetValue(key, out var v) ? v : null).ToArray();
            var differs = cells.Distinct().Count() > 1;
            sb.Append(differs ? "<tr class=\"diff\">" : "<tr>").Append("<th>").Append(Html.Text(key)).Append("</th>");
            foreach (var c in cells)
            {
                sb.Append("<td>").Append(Html.Text(c is null ? "—" : c.StartsWith('"') ? c[1..^1] : c)).Append("</td>");
            }

            sb.Append("</tr>");
        }

        sb.Append("</tbody></table><h2>Metrics</h2>");
        var all = runs.Select(seriesOf).ToArray();
        var metricKeys = all.SelectMany(s => s.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        var n = 0;
        foreach (var key in metricKeys)
        {
            // Runs lacking the metric keep their colour slot (an empty line) so colours match the legend.
            var lines = all.Select(
                (s, i) => s.TryGetValue(key, out var line) ? line with { Label = runs[i].Name } : new ChartSeries(runs[i].Name, [], [], 0))
                .ToArray();
            SvgChart.Render(sb, "cmp-" + n++, key, lines);
        }

        return Page.Close(sb);
    }
}
