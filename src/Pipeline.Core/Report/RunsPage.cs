using System.Text;
using Pipeline.Core.Canonical;
using Pipeline.Core.Tracking;

namespace Pipeline.Core.Report;

/// <summary>
/// Every run in one sortable, filterable table: status and attributes, the params that vary between runs, each
/// metric's last and min, and eval scores. Numbers sort by their exact value (data-v), not their short text.
/// </summary>
internal static class RunsPage
{
    private const int MaxParamColumns = 16;
    private const int MaxMetricColumns = 10;

    public static string Render(ReportInput input, IReadOnlyList<string> comparePages)
    {
        var runs = input.Runs.Select(r => r.Run).ToArray();
        var leaves = runs.Select(r => Flat.Leaves(r.Params).ToDictionary(l => l.Key, l => l.Value, StringComparer.Ordinal)).ToArray();
        // Params that vary first (the ones a sweep is about), then the rest, up to a readable number of columns.
        var paramKeys = leaves.SelectMany(l => l.Keys).Distinct(StringComparer.Ordinal)
            .Select(k => (Key: k, Varies: leaves.Select(l => l.TryGetValue(k, out var v) ? CanonicalJson.Write(v) : null).Distinct().Count() > 1))
            .OrderByDescending(p => p.Varies).ThenBy(p => p.Key, StringComparer.Ordinal).Take(MaxParamColumns).Select(p => p.Key).ToArray();
        var metricKeys = runs.SelectMany(r => r.Metrics.Keys).GroupBy(k => k, StringComparer.Ordinal)
            .OrderByDescending(g => g.Count())
                .ThenBy(g => g.Key, StringComparer.Ordinal)
                .Take(MaxMetricColumns)
                .Select(g => g.Key)
                .Order(StringComparer.Ordinal)
                .ToArray();
        var evalKeys = runs.SelectMany(r => r.Evals.SelectMany(e => e.Scores.Keys.Select(k => (e.Suite.Name, Metric: k)))).Distinct()
            .OrderBy(p => p.Name, StringComparer.Ordinal).ThenBy(p => p.Metric, StringComparer.Ordinal).ToArray();

        var sb = new StringBuilder(runs.Length * 600);
        sb.Append("<h1>Runs</h1>");
        if (comparePages.Count > 0)
        {
            sb.Append("<p>Compare: ");
            foreach (var page in comparePages)
            {
                sb.Append("<a href=\"compare/").Append(Html.FileName(page)).Append(".html\">").Append(Html.Text(page)).Append("</a> ");
            }

            sb.Append("</p>");
        }

        sb.Append(
            "<p><input class=\"filter js-only\" placeholder=\"filter runs (any text)\" data-table=\"runs\" data-count=\"runs-count\"> <span " +
            "id=\"runs-count\" class=\"muted\">")
          .Append(runs.Length).Append(" runs</span></p>");
        sb.Append(
            "<table class=\"sortable\" " +
            "id=\"runs\"><thead><tr><th>Name</th><th>Id</th><th>Status</th><th>Method</th><th>Experiment</th><th>Start</th>");
        foreach (var k in paramKeys)
        {
            sb.Append("<th>params.").Append(Html.Text(k)).Append("</th>");
        }

        foreach (var k in metricKeys)
        {
            sb.Append("<th>").Append(Html.Text(k)).Append(" last</th><th>").Append(Html.Text(k)).Append(" min</th>");
        }

        foreach (var (suite, metric) in evalKeys)
        {
            sb.Append("<th>").Append(Html.Text(suite)).Append(' ').Append(Html.Text(metric)).Append("</th>");
        }

        sb.Append("</tr></thead><tbody>");
        for (var i = 0; i < runs.Length; i++)
        {
            var r = runs[i];
            sb.Append("<tr data-run=\"")
                .Append(Html.Text(r.Id))
                .Append("\"><td><a href=\"")
                .Append(Page.RunHref("", r.Id))
                .Append("\">")
                .Append(Html.Text(r.Name))
                .Append("</a></td><td><code>")
              .Append(Html.Text(r.Id))
                  .Append("</code></td><td>")
                  .Append(Html.Text(RunLedger.EffectiveStatus(r).Name()))
                  .Append("</td><td>")
                  .Append(Html.Text(r.Method))
              .Append("</td><td>").Append(Html.Text(r.Experiment)).Append("</td><td>").Append(Page.Time(r.Start)).Append("</td>");
            foreach (var k in paramKeys)
            {
                sb.Append(leaves[i].TryGetValue(k, out var v) ? Flat.ValueCell(v) : "<td></td>");
            }

            foreach (var k in metricKeys)
            {
                var s = r.Metrics.TryGetValue(k, out var summary) ? summary : null;
                sb.Append(Flat.NumberCell(s?.Last)).Append(Flat.NumberCell(s?.Min));
            }

            foreach (var (suite, metric) in evalKeys)
            {
                var score = r.Evals.FirstOrDefault(e => e.Suite.Name == suite && e.Scores.ContainsKey(metric))?.Scores[metric];
                sb.Append(Flat.NumberCell(score));
            }

            sb.Append("</tr>");
        }

        sb.Append("</tbody></table>");
        return Page.Wrap("Runs", "", input.Source, sb.ToString());
    }
}
