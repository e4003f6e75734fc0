using System.Text;
using Pipeline.Core.Canonical;
using Pipeline.Core.Tracking;

namespace Pipeline.Core.Report;

/// <summary>One run: attributes, params, tags, lineage, evals, artifacts, and a chart per metric series.</summary>
internal static class RunPage
{
    private const string Depth = "../";

    /// <summary>Series shown first when present: the curves a post-training reviewer looks at.</summary>
    private static readonly string[] Leading = ["loss", "train/loss", "reward", "rewards/mean", "kl", "entropy", "eval/loss"];

    public static string Render(
        ReportInput input,
        RunRecord run,
        IReadOnlyDictionary<string, ChartSeries> series,
        IReadOnlyList<(string Model, string Version)> versions) =>
        Write(input, run, series, versions).ToString();

    /// <summary>The whole page in one builder (shell, body, charts), which the site streams to its file chunk by chunk.</summary>
    /// <remarks>A site build passes one builder per thread (<paramref name="into"/>, cleared here) so no page allocates its own.</remarks>
    public static StringBuilder Write(
        ReportInput input,
        RunRecord run,
        IReadOnlyDictionary<string, ChartSeries> series,
        IReadOnlyList<(string Model, string Version)> versions,
        StringBuilder? into = null)
    {
        var sb = Page.Open(into?.Clear() ?? new StringBuilder(1 << 18), run.Name, Depth, input.Source);
        sb.Append("<h1>").Append(Html.Text(run.Name)).Append("</h1><table><tbody>")
          .Append(Row("Id", "<code>" + Html.Text(run.Id) + "</code>"))
          .Append(Row("Status", Html.Text(RunLedger.EffectiveStatus(run).Name())))
          .Append(Row("Method", Html.Text(run.Method)))
          .Append(Row("Experiment", Html.Text(run.Experiment)))
          .Append(Row("Start", Page.Time(run.Start)))
          .Append(Row("End", Page.Time(run.End)))
          .Append(Row("Points", run.SeriesPoints.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        if (run.Origin is { } origin)
        {
            sb.Append(Row("Source", Html.Text(origin.Format + ": " + origin.Path)));
        }

        if (run.Fingerprint is { } fp)
        {
            sb.Append(Row("Fingerprint", "<code>" + Html.Text(fp) + "</code>"));
        }

        foreach (var (model, version) in versions)
        {
            sb.Append(Row("Registered as", $"<a href=\"{Page.VersionHref(Depth, model, version)}\">{Html.Text(model)} {Html.Text(version)}</a>"));
        }

        sb.Append("</tbody></table>");

        var charts = series.OrderBy(s => Array.IndexOf(Leading, s.Key) is var i && i >= 0 ? i : Leading.Length)
            .ThenBy(s => s.Key, StringComparer.Ordinal)
            .ToArray();
        sb.Append("<h2>Metrics</h2>");
        if (charts.Length == 0)
        {
            sb.Append("<p class=\"muted\">No metric series.</p>");
        }

        var n = 0;
        foreach (var (key, line) in charts)
        {
            SvgChart.Render(sb, "chart-" + n++, key, [line]);
        }

        if (run.Metrics.Count > 0)
        {
            sb.Append(
                "<table class=\"sortable\" " +
                "id=\"summaries\"><thead><tr><th>Metric</th><th>Last</th><th>Min</th><th>Max</th><th>Points</th><th>NaN</th><th>Inf</th></tr>" +
                "</thead><tbody>");
            foreach (var (key, s) in run.Metrics)
            {
                sb.Append("<tr><td>")
                    .Append(Html.Text(key))
                    .Append("</td>")
                    .Append(Flat.NumberCell(s.Last))
                    .Append(Flat.NumberCell(s.Min))
                    .Append(Flat.NumberCell(s.Max))
                  .Append(Flat.NumberCell(s.Count)).Append(Flat.NumberCell(s.NaN)).Append(Flat.NumberCell(s.Inf)).Append("</tr>");
            }

            sb.Append("</tbody></table>");
        }

        sb.Append("<h2>Params</h2>");
        KeyValues(sb, Flat.Leaves(run.Params).Select(l => (l.Key, l.Value)));
        if (run.Tags.Count > 0)
        {
            sb.Append("<h2>Tags</h2>");
            KeyValues(sb, run.Tags.Select(t => (t.Key, (Value)new StringValue(t.Value))));
        }

        if (run.Lineage is { } lineage)
        {
            sb.Append("<h2>Lineage</h2>");
            KeyValues(sb, lineage.Members.Select(m => (m.Key, m.Value)));
        }

        if (run.Evals.Count > 0)
        {
            sb.Append("<h2>Eval results</h2><table><thead><tr><th>Suite</th><th>Score</th><th>Value</th><th>Evaluated</th></tr></thead><tbody>");
            foreach (var e in run.Evals)
            {
                foreach (var (metric, score) in e.Scores)
                {
                    sb.Append("<tr><td>")
                        .Append(Html.Text(e.Suite.Name))
                        .Append("</td><td>")
                        .Append(Html.Text(metric))
                        .Append("</td>")
                        .Append(Flat.NumberCell(score))
                      .Append("<td><code>")
                          .Append(Html.Text(e.Evaluated.Length > 16 ? e.Evaluated[..16] + "…" : e.Evaluated))
                          .Append("</code></td></tr>");
                }
            }

            sb.Append("</tbody></table>");
        }

        if (run.Artifacts.Count > 0)
        {
            sb.Append("<h2>Artifacts</h2><table><thead><tr><th>URI</th><th>sha256</th></tr></thead><tbody>");
            foreach (var a in run.Artifacts)
            {
                sb.Append("<tr><td><code>")
                    .Append(Html.Text(a.Uri))
                    .Append("</code></td><td><code>")
                    .Append(Html.Text(a.Sha256))
                    .Append("</code></td></tr>");
            }

            sb.Append("</tbody></table>");
        }

        return Page.Close(sb);
    }

    private static void KeyValues(StringBuilder sb, IEnumerable<(string Key, Value Value)> pairs)
    {
        sb.Append("<table><tbody>");
        foreach (var (key, value) in pairs)
        {
            sb.Append("<tr><th>").Append(Html.Text(key)).Append("</th>").Append(Flat.ValueCell(value)).Append("</tr>");
        }

        sb.Append("</tbody></table>");
    }

    private static string Row(string label, string html) => $"<tr><th>{Html.Text(label)}</th><td>{html}</td></tr>";
}
