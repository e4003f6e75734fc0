using System.Globalization;
using Pipeline.Core.Canonical;

namespace Pipeline.Core.Tracking;

/// <summary>One row of a comparison: a label and one cell per run (null = the run lacks it).</summary>
public sealed record ComparisonRow(string Key, string? Stat, IReadOnlyList<string?> Cells);

/// <summary>
/// Runs side by side: the params whose values differ (identical params are noise in a PR comment), then each metric's
/// summary (last, min, max, and non-finite counts when any), then eval scores per suite. Values are printed with
/// Python's float repr so a cell matches what a Python user sees.
/// </summary>
public sealed record RunComparison(IReadOnlyList<RunRecord> Runs, IReadOnlyList<ComparisonRow> Params, IReadOnlyList<ComparisonRow> Metrics, IReadOnlyList<ComparisonRow> Evals)
{
    public static RunComparison Build(IReadOnlyList<RunRecord> runs, IReadOnlyCollection<string>? metrics = null)
    {
        var paramRows = new List<ComparisonRow>();
        foreach (var key in runs.SelectMany(r => r.Params.Members.Select(m => m.Key)).Distinct().Order(StringComparer.Ordinal))
        {
            var cells = runs.Select(r => r.Params[key] is { } v ? Show(v) : null).ToArray();
            if (cells.Distinct().Count() > 1)
            {
                paramRows.Add(new ComparisonRow(key, null, cells));
            }
        }

        var metricKeys = metrics is { Count: > 0 }
            ? metrics.ToArray()
            : runs.SelectMany(r => r.Metrics.Keys).Distinct().Order(StringComparer.Ordinal).ToArray();
        var metricRows = new List<ComparisonRow>();
        foreach (var key in metricKeys)
        {
            var summaries = runs.Select(r => r.Metrics.TryGetValue(key, out var s) ? s : null).ToArray();
            metricRows.Add(new ComparisonRow(key, "last", summaries.Select(s => s is null ? null : Number(s.Last)).ToArray()));
            metricRows.Add(new ComparisonRow(key, "min", summaries.Select(s => s?.Min is { } v ? Number(v) : null).ToArray()));
            metricRows.Add(new ComparisonRow(key, "max", summaries.Select(s => s?.Max is { } v ? Number(v) : null).ToArray()));
            if (summaries.Any(s => s?.HasNonFinite == true))
            {
                metricRows.Add(new ComparisonRow(key, "nan/inf", summaries.Select(s => s is null ? null : $"{s.NaN}/{s.Inf}").ToArray()));
            }
        }

        var evalRows = new List<ComparisonRow>();
        var evalKeys = runs.SelectMany(r => r.Evals.SelectMany(e => e.Scores.Keys.Select(k => (Suite: e.Suite.Name + "@" + e.Suite.Fingerprint, Metric: k))))
            .Distinct().OrderBy(p => p.Suite, StringComparer.Ordinal).ThenBy(p => p.Metric, StringComparer.Ordinal);
        foreach (var (suite, metric) in evalKeys)
        {
            evalRows.Add(new ComparisonRow(metric, suite, runs.Select(r =>
                r.Evals.FirstOrDefault(e => e.Suite.Name + "@" + e.Suite.Fingerprint == suite && e.Scores.ContainsKey(metric)) is { } e ? Number(e.Scores[metric]) : null).ToArray()));
        }

        return new RunComparison(runs, paramRows, metricRows, evalRows);
    }

    public static string Number(double v) => double.IsFinite(v) ? PythonFloat.Repr(v) : SeriesNumber.NonFiniteText(v);

    private static string Show(Value v) => v is StringValue s ? s.Value : CanonicalJson.Write(v);

    public string ToMarkdown()
    {
        var w = new StringWriter(CultureInfo.InvariantCulture);
        var header = "| | " + string.Join(" | ", Runs.Select(r => $"`{Md(r.Id)}`<br>{Md(r.Name)}")) + " |";
        var rule = "|---|" + string.Concat(Enumerable.Repeat("---|", Runs.Count));
        void Section(string title, IReadOnlyList<ComparisonRow> rows, Func<ComparisonRow, string> label)
        {
            w.WriteLine($"**{title}**");
            w.WriteLine();
            if (rows.Count == 0)
            {
                w.WriteLine("_none_");
                w.WriteLine();
                return;
            }

            w.WriteLine(header);
            w.WriteLine(rule);
            foreach (var row in rows)
            {
                w.WriteLine("| " + Md(label(row)) + " | " + string.Join(" | ", row.Cells.Select(c => c is null ? "—" : Md(c))) + " |");
            }

            w.WriteLine();
        }

        Section("Params that differ", Params, r => r.Key);
        Section("Metrics", Metrics, r => $"{r.Key} ({r.Stat})");
        if (Evals.Count > 0)
        {
            Section("Eval scores", Evals, r => $"{r.Key} ({r.Stat})");
        }

        return w.ToString();
    }

    public string ToText()
    {
        var rows = new List<string[]> { new[] { "" }.Concat(Runs.Select(r => r.Id)).ToArray(), new[] { "name" }.Concat(Runs.Select(r => r.Name)).ToArray() };
        rows.Add([]);
        rows.Add(["params that differ"]);
        rows.AddRange(Params.Select(r => new[] { "  " + r.Key }.Concat(r.Cells.Select(c => c ?? "-")).ToArray()));
        rows.Add([]);
        rows.Add(["metrics"]);
        rows.AddRange(Metrics.Select(r => new[] { $"  {r.Key} ({r.Stat})" }.Concat(r.Cells.Select(c => c ?? "-")).ToArray()));
        if (Evals.Count > 0)
        {
            rows.Add([]);
            rows.Add(["eval scores"]);
            rows.AddRange(Evals.Select(r => new[] { $"  {r.Key} ({r.Stat})" }.Concat(r.Cells.Select(c => c ?? "-")).ToArray()));
        }

        var widths = Enumerable.Range(0, Runs.Count + 1).Select(i => rows.Where(r => r.Length > 1 && i < r.Length).Select(r => r[i].Length).DefaultIfEmpty(0).Max()).ToArray();
        var w = new StringWriter(CultureInfo.InvariantCulture);
        foreach (var row in rows)
        {
            w.WriteLine(row.Length <= 1 ? (row.Length == 0 ? "" : row[0]) : string.Join("  ", row.Select((c, i) => c.PadRight(widths[i]))).TrimEnd());
        }

        return w.ToString();
    }

    private static string Md(string s) => s.Replace("\\", "\\\\").Replace("|", "\\|").Replace("\n", " ").Replace("\r", "");
}
