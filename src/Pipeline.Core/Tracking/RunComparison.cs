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
public sealed record RunComparison(
    IReadOnlyList<RunRecord> Runs,
    IReadOnlyList<ComparisonRow> Params,
    IReadOnlyList<ComparisonRow> Metrics,
    IReadOnlyList<ComparisonRow> Evals)
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
        var evalKeys = runs.SelectMany(
            r => r.Evals.SelectMany(e => e.Scores.Keys.Select(k => (Suite: e.Suite.Name + "@" + e.Suite.Fingerprint, Metric: k))))
            .Distinct().OrderBy(p => p.Suite, StringComparer.Ordinal).ThenBy(p => p.Metric, StringComparer.Ordinal);
        foreach (var (suite, metric) in evalKeys)
        {
            evalRows.Add(new ComparisonRow(metric, suite, runs.Select(r =>
                r.Evals.FirstOrDefault(e => e.Suite.Name + "@" + e.Suite.Fingerprint == suite && e.Scores.ContainsKey(metric)) is { } e
                    ? Number(e.Scores[metric])
                    : null).ToArray()));
        }

        return new RunComparison(runs, paramRows, metricRows, evalRows);
    }

    public static string Number(double v) => double.IsFinite(v) ? PythonFloat.Repr(v) : SeriesNumber.NonFiniteText(v);

    private static string Show(Value v) => v is StringValue s ? s.Value : CanonicalJson.Write(v);

    /// <summary>Column headers: run names, with a short id only where two runs share a name.</summary>
    public IReadOnlyList<string> Headers => Runs.Select(r => Runs.Count(o => o.Name == r.Name) > 1 ? $"{r.Name} ({r.Id[^8..]})" : r.Name).ToArray();

    /// <summary>The commit each run trained at (lineage code_commit, 8 characters), when any run records one.</summary>
    private IReadOnlyList<string?>? Commits()
    {
        var commits = Runs.Select(r => r.Lineage?["code_commit"] is Canonical.StringValue c ? (c.Value.Length > 8 ? c.Value[..8] : c.Value) : null)
            .ToArray();
        return commits.Any(c => c is not null) ? commits : null;
    }

    /// <summary>A cell for people: numbers with 4 significant digits (JSON keeps the exact text).</summary>
    private static string Short(string? cell) =>
        cell is null ? "—"
        : double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && cell.Any(char.IsDigit) ? Search.ShortNumber.Format(d)
        : cell;

    public string ToMarkdown()
    {
        var w = new StringWriter(CultureInfo.InvariantCulture);
        var header = "| | " + string.Join(" | ", Headers.Select(Md)) + " |";
        var rule = "|---|" + string.Concat(Enumerable.Repeat("---:|", Runs.Count));
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
                w.WriteLine("| " + Md(label(row)) + " | " + string.Join(" | ", row.Cells.Select(c => Md(Short(c)))) + " |");
            }

            w.WriteLine();
        }

        if (Commits() is { } commits)
        {
            Section("Runs", [new ComparisonRow("commit", null, commits)], r => r.Key);
        }

        Section("Params that differ", Params, r => r.Key);
        Section("Metrics", Metrics, r => $"{r.Key} ({r.Stat})");
        if (Evals.Count > 0)
        {
            Section("Eval scores", Evals, r => $"{r.Key} ({r.Stat})");
        }

        return w.ToString();
    }

    /// <summary>
    /// A plain-text table that fits <paramref name="width"/> columns of terminal: when all runs do not fit side by side,
    /// they are shown in consecutive blocks, each repeating the row labels.
    /// </summary>
    public string ToText(int width = int.MaxValue)
    {
        var labels = new List<string?> { "" };
        var lines = new List<IReadOnlyList<string?>> { Headers };
        if (Commits() is { } commits)
        {
            labels.Add("commit");
            lines.Add(commits);
        }

        void Block(string title, IEnumerable<(string Label, IReadOnlyList<string?> Cells)> rows)
        {
            labels.Add(null);
            lines.Add([]);
            labels.Add(title);
            lines.Add([]);
            foreach (var (label, cells) in rows)
            {
                labels.Add("  " + label);
                lines.Add(cells.Select(Short).ToArray());
            }
        }

        Block("params that differ", Params.Select(r => (r.Key, r.Cells)));
        Block("metrics", Metrics.Select(r => ($"{r.Key} ({r.Stat})", r.Cells)));
        if (Evals.Count > 0)
        {
            Block("eval scores", Evals.Select(r => ($"{r.Key} ({r.Stat})", r.Cells)));
        }

        var labelWidth = labels.Max(l => l?.Length ?? 0);
        var cellWidths = Enumerable.Range(0, Runs.Count).Select(i => lines.Where(l => i < l.Count).Max(l => l[i]?.Length ?? 1)).ToArray();
        var w = new StringWriter(CultureInfo.InvariantCulture);
        var start = 0;
        while (start < Runs.Count)
        {
            // As many runs as fit beside the labels (at least one, however narrow the terminal).
            var end = start + 1;
            var used = labelWidth + 2 + cellWidths[start];
            while (end < Runs.Count && used + 2 + cellWidths[end] <= width)
            {
                used += 2 + cellWidths[end];
                end++;
            }

            if (start > 0)
            {
                w.WriteLine();
            }

            for (var row = 0; row < lines.Count; row++)
            {
                var label = labels[row];
                if (label is null)
                {
                    w.WriteLine();
                    continue;
                }

                if (lines[row].Count == 0)
                {
                    w.WriteLine(label);
                    continue;
                }

                var cells = Enumerable.Range(start, end - start).Select(i => (lines[row][i] ?? "-").PadRight(cellWidths[i]));
                w.WriteLine((label.PadRight(labelWidth) + "  " + string.Join("  ", cells)).TrimEnd());
            }

            start = end;
        }

        return w.ToString();
    }

    private static string Md(string s) => s.Replace("\\", "\\\\").Replace("|", "\\|").Replace("\n", " ").Replace("\r", "");
}
