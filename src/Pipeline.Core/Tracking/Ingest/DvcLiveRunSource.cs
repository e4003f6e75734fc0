using System.Globalization;
using System.Text;
using Pipeline.Core.Canonical;
using Pipeline.Core.Diagnostics;
using Pipeline.Core.Yaml;

namespace Pipeline.Core.Tracking.Ingest;

/// <summary>
/// A DVCLive output folder (default <c>dvclive/</c>): <c>params.yaml</c> (params), <c>plots/metrics/**/&lt;name&gt;.tsv</c>
/// (one history per metric: tab-separated <c>timestamp</c> (ms, optional), <c>step</c> and the value column; the key is
/// the path below plots/metrics without <c>.tsv</c>, e.g. <c>train/loss</c>) and <c>metrics.json</c> (the latest value
/// of each metric plus <c>step</c>; nested objects are flattened with '/'). Metrics that appear only in metrics.json
/// (logged with <c>plot=False</c>) become one point at its <c>step</c>.
/// </summary>
internal sealed class DvcLiveRunSource(string folder, string display) : IRunSource
{
    public string Format => "dvclive";

    public long Length => PlotFiles().Sum(f => new FileInfo(f).Length);

    public static bool Looks(string folder) =>
        File.Exists(Path.Combine(folder, "metrics.json")) || Directory.Exists(Path.Combine(folder, "plots", "metrics"));

    public void ReadInto(RunDraft draft, Action<long>? progress)
    {
        var paramsFile = Path.Combine(folder, "params.yaml");
        RefuseFolder(paramsFile, "params.yaml");
        RefuseFolder(Path.Combine(folder, "metrics.json"), "metrics.json");
        foreach (var dir in PlotFolders())
        {
            RefuseFolder(dir, Path.GetRelativePath(folder, dir).Replace('\\', '/'));
        }

        if (File.Exists(paramsFile))
        {
            var shown = Shown("params.yaml");
            if (YamlReader.ParseFile(paramsFile, shown) is ObjectValue parameters)
            {
                foreach (var m in parameters.Members)
                {
                    draft.AddParam(m.Key, m.Value, shown, m.Line);
                }
            }
            else
            {
                throw new PipelineException(PipeCodes.RunSourceMalformed, "params.yaml must be a mapping", shown, 1);
            }
        }

        var plotted = new HashSet<string>(StringComparer.Ordinal);
        var done = 0L;
        var plotsRoot = Path.Combine(folder, "plots", "metrics");
        foreach (var tsv in PlotFiles())
        {
            var key = Path.GetRelativePath(plotsRoot, tsv).Replace('\\', '/')[..^".tsv".Length];
            plotted.Add(key);
            ReadTsv(tsv, key, draft);
            done += new FileInfo(tsv).Length;
            progress?.Invoke(done);
        }

        var metricsFile = Path.Combine(folder, "metrics.json");
        if (File.Exists(metricsFile))
        {
            var shown = Shown("metrics.json");
            if (JsonReader.ParseFile(metricsFile, shown) is not ObjectValue summary)
            {
                throw new PipelineException(PipeCodes.RunSourceMalformed, "metrics.json must be an object", shown, 1);
            }

            var step = summary["step"] is IntegerValue s
                ? s.Value >= long.MinValue && s.Value <= long.MaxValue
                    ? (long)s.Value
                    : throw new PipelineException(
                        PipeCodes.RunSourceMalformed,
                        $"step {s.Value} does not fit a 64-bit integer",
                        shown,
                        summary.LineOf("step"))
                : 0;
            foreach (var (key, value) in Flatten(summary, ""))
            {
                if (key != "step" && !plotted.Contains(key))
                {
                    draft.AddPoint(key, step, double.NaN, value);
                }
            }
        }
    }

    /// <summary>A folder where DVCLive writes a file is a broken run folder, not an absent file: refused, never skipped.</summary>
    private void RefuseFolder(string path, string name)
    {
        if (Directory.Exists(path))
        {
            throw new PipelineException(PipeCodes.InputIsFolder, $"'{name}' is a folder where DVCLive writes a file", Shown(name));
        }
    }

    private IEnumerable<string> PlotFolders()
    {
        var root = Path.Combine(folder, "plots", "metrics");
        return Directory.Exists(root) ? Directory.EnumerateDirectories(root, "*.tsv", SearchOption.AllDirectories) : [];
    }

    private IEnumerable<string> PlotFiles()
    {
        var root = Path.Combine(folder, "plots", "metrics");
        return Directory.Exists(root)
            ? Directory.EnumerateFiles(root, "*.tsv", SearchOption.AllDirectories).Order(StringComparer.Ordinal)
            : [];
    }

    private void ReadTsv(string path, string key, RunDraft draft)
    {
        var shown = Shown(Path.GetRelativePath(folder, path).Replace('\\', '/'));
        Inputs.InputLimits.Check(path, shown, cap: null);
        using var lines = new Utf8LineReader(File.OpenRead(path)) { Display = shown };
        if (!lines.TryReadLine(out var headerBytes, out _))
        {
            return;
        }

        var header = Encoding.UTF8.GetString(headerBytes).Split('\t');
        if (header.GroupBy(h => h, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            // Which of two 'loss' columns is the series? Neither: the file is refused, as a JSON object with a key twice is.
            throw new PipelineException(PipeCodes.RunSourceMalformed, $"column '{twice.Key}' appears {twice.Count()} times in the header", shown, 1);
        }

        var stepColumn = Array.IndexOf(header, "step");
        var timeColumn = Array.IndexOf(header, "timestamp");
        var valueColumn = Enumerable.Range(0, header.Length).LastOrDefault(i => i != stepColumn && i != timeColumn, -1);
        if (stepColumn < 0 || valueColumn < 0)
        {
            throw new PipelineException(
                PipeCodes.RunSourceMalformed,
                $"expected a header 'timestamp<TAB>step<TAB>{key.Split('/')[^1]}', found '{string.Join("<TAB>", header)}'",
                shown,
                1);
        }

        while (lines.TryReadLine(out var line, out var terminated))
        {
            if (line.IsEmpty)
            {
                continue;
            }

            var cells = Encoding.UTF8.GetString(line).Split('\t');
            var number = (int)lines.LineNumber;
            if (cells.Length != header.Length)
            {
                if (!terminated)
                {
                    break; // a torn last row of a still-running or killed trainer
                }

                throw new PipelineException(PipeCodes.RunSourceMalformed, $"row has {cells.Length} cells, header has {header.Length}", shown, number);
            }

            if (!long.TryParse(cells[stepColumn], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var step))
            {
                throw new PipelineException(PipeCodes.RunSourceMalformed, $"step '{cells[stepColumn]}' is not an integer", shown, number);
            }

            if (!SeriesNumber.TryParse(cells[valueColumn], out var value))
            {
                throw new PipelineException(PipeCodes.RunSourceMalformed, $"value '{cells[valueColumn]}' is not a number", shown, number);
            }

            var wall = timeColumn >= 0 && double.TryParse(cells[timeColumn], NumberStyles.Float, CultureInfo.InvariantCulture, out var ms)
                ? ms / 1000.0
                : double.NaN;
            if (!RunDraft.IsTime(wall))
            {
                throw new PipelineException(
                    PipeCodes.RunSourceMalformed,
                    $"timestamp '{cells[timeColumn]}' is not {RunDraft.TimeRange} in milliseconds",
                    shown,
                    number);
            }
            draft.AddPoint(key, step, wall, value);
        }
    }

    private static IEnumerable<(string Key, double Value)> Flatten(ObjectValue obj, string prefix)
    {
        foreach (var m in obj.Members)
        {
            var key = prefix + m.Key;
            switch (m.Value)
            {
                case ObjectValue nested:
                    foreach (var inner in Flatten(nested, key + "/"))
                    {
                        yield return inner;
                    }

                    break;
                case IntegerValue i:
                    yield return (key, (double)i.Value);
                    break;
                case FloatValue f:
                    yield return (key, f.Value);
                    break;
                case StringValue s when SeriesNumber.TryParseNonFinite(s.Value, out var d):
                    yield return (key, d);
                    break;
            }
        }
    }

    private string Shown(string relative) => display.TrimEnd('/') + "/" + relative;
}
