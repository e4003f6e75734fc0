using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using Pipeline.Core.Diagnostics;
using Pipeline.Core.Tracking;

namespace Pipeline.Core.Report;

/// <summary>What a report build wrote, for the summary line and the benchmark.</summary>
public sealed record ReportStats(string Folder, int Pages, long Bytes, long LargestPage, string LargestPath, TimeSpan Elapsed);

/// <summary>
/// Writes the static site: index.html (models, aliases, alias timeline), versions/&lt;model&gt;/&lt;version&gt;.html,
/// runs.html, runs/&lt;id&gt;.html, compare/&lt;experiment&gt;.html. Pages are built in a fresh sibling folder and swapped in
/// at the end, so a reader (or GitHub Pages) never sees half a site; a folder that is not an earlier report is never
/// replaced.
/// </summary>
public static class ReportSite
{
    /// <summary>Marks a folder as a report, so rebuilding may replace it.</summary>
    public const string Marker = ".pipeline-report";

    public static ReportStats Write(ReportInput input, string folder)
    {
        var clock = Stopwatch.StartNew();
        var target = Path.GetFullPath(folder);
        var staging = target.TrimEnd(Path.DirectorySeparatorChar) + ".tmp-" + Environment.ProcessId;
        Refuse(target);
        if (Directory.Exists(staging))
        {
            Directory.Delete(staging, recursive: true);
        }

        Directory.CreateDirectory(staging);
        var written = new ConcurrentBag<(string Path, long Bytes)>();
        void SaveBuilder(string relative, StringBuilder html)
        {
            var started = ReportTiming.Start();
            var path = Path.Combine(staging, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            var length = PageFile.Write(path, html);
            written.Add((relative.Replace('\\', '/'), length));
            ReportTiming.Stop(ReportTiming.WriteFiles, started);
        }

        void Save(string relative, string html)
        {
            var started = ReportTiming.Start();
            var path = Path.Combine(staging, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            var bytes = Encoding.UTF8.GetBytes(html);
            File.WriteAllBytes(path, bytes);
            written.Add((relative.Replace('\\', '/'), bytes.Length));
            ReportTiming.Stop(ReportTiming.WriteFiles, started);
        }

        try
        {
            var runIds = input.Runs.Select(r => r.Run.Id).ToHashSet(StringComparer.Ordinal);
            var compare = ComparisonGroups(input);
            var wanted = compare.SelectMany(g => g.Runs).Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
            var cached = new ConcurrentDictionary<string, IReadOnlyDictionary<string, ChartSeries>>(StringComparer.Ordinal);
            var linked = input.Models.SelectMany(
                m => m.Versions.Where(v => v.Record?.Run is not null).Select(v => (v.Record!.Run!, m.Name, v.Version.ToString())))
                .ToLookup(x => x.Item1, x => (x.Name, x.Item3), StringComparer.Ordinal);

            var listing = ReportTiming.Start();
            Save("index.html", IndexPage.Render(input));
            Save("runs.html", RunsPage.Render(input, compare.Select(g => g.Title).ToArray()));
            foreach (var model in input.Models)
            {
                foreach (var version in model.Versions)
                {
                    Save(
                        Path.Combine("versions", Html.FileName(model.Name), Html.FileName(version.Version.ToString()) + ".html"),
                        VersionPage.Render(input, model, version, runIds));
                }
            }

            ReportTiming.Stop(ReportTiming.ListPages, listing);
            try
            {
                Parallel.ForEach(input.Runs, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, run =>
                {
                    var series = SeriesOf(run);
                    if (wanted.Contains(run.Run.Id))
                    {
                        cached[run.Run.Id] = series;
                    }

                    var rendering = ReportTiming.Start();
                    var page = RunPage.Write(input, run.Run, series, linked[run.Run.Id].ToArray(), PageFile.Builder());
                    ReportTiming.Stop(ReportTiming.Render, rendering);
                    SaveBuilder(Path.Combine("runs", Html.FileName(run.Run.Id) + ".html"), page);
                });
            }
            catch (AggregateException ex) when (ex.InnerExceptions.OfType<PipelineException>().FirstOrDefault() is { } first)
            {
                // A run that cannot be read (a damaged or unfetched series) is the user's error to fix, not a crash.
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(first);
            }

            var comparing = ReportTiming.Start();
            // Compare pages only read the cached series: independent, so they share the cores too.
            Parallel.ForEach(compare, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, group =>
                SaveBuilder(
                    Path.Combine("compare", Html.FileName(group.Title) + ".html"),
                    ComparePage.Write(PageFile.Builder(), input, group.Title, group.Runs, r => cached[r.Id])));

            ReportTiming.Stop(ReportTiming.ComparePages, comparing);
            File.WriteAllText(Path.Combine(staging, Marker), "Generated by `pipeline report`; rebuilding replaces this folder.\n");
            // GitHub Pages would run Jekyll over the folder otherwise and drop files whose names start with '_'.
            File.WriteAllText(Path.Combine(staging, ".nojekyll"), "");
        }
        catch
        {
            Directory.Delete(staging, recursive: true);
            throw;
        }

        var swapping = ReportTiming.Start();
        if (Directory.Exists(target))
        {
            Directory.Delete(target, recursive: true);
        }

        Directory.Move(staging, target);
        ReportTiming.Stop(ReportTiming.Swap, swapping);
        var largest = written.MaxBy(w => w.Bytes);
        return new ReportStats(target, written.Count, written.Sum(w => w.Bytes), largest.Bytes, largest.Path ?? "", clock.Elapsed);
    }

    /// <summary>One compare page for the given runs (<c>runs compare --plot</c>), written as <paramref name="file"/>.</summary>
    public static string WriteCompare(ReportInput input, IReadOnlyList<RunReport> runs, string file)
    {
        var series = runs.ToDictionary(r => r.Run.Id, SeriesOf, StringComparer.Ordinal);
        var html = ComparePage.Render(
            input,
            "Compare " + string.Join(", ", runs.Select(r => r.Run.Name)),
            runs.Select(r => r.Run).ToArray(),
            r => series[r.Id],
            depth: "");
        var path = Path.GetFullPath(file);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, html);
        return path;
    }

    internal static IReadOnlyDictionary<string, ChartSeries> SeriesOf(RunReport run)
    {
        var reading = ReportTiming.Start();
        // Each point goes straight into its key's chart builder: the run's points are never held as records.
        var byKey = new Dictionary<string, ChartSeries.Builder>(StringComparer.Ordinal);
        string? lastKey = null;
        ChartSeries.Builder? last = null;
        foreach (var p in run.Series())
        {
            // Keys are shared strings (the readers intern them), so the previous point's key is found by reference.
            if (!ReferenceEquals(p.Key, lastKey))
            {
                if (!byKey.TryGetValue(p.Key, out last))
                {
                    byKey[p.Key] = last = new ChartSeries.Builder();
                }

                lastKey = p.Key;
            }

            last!.Add(p.Step, p.Value);
        }

        ReportTiming.Stop(ReportTiming.SeriesRead, reading);
        var charting = ReportTiming.Start();
        var charts = byKey.ToDictionary(k => k.Key, k => k.Value.Build(k.Key), StringComparer.Ordinal);
        ReportTiming.Stop(ReportTiming.Chart, charting);
        return charts;
    }

    /// <summary>Runs of each experiment (the latest <see cref="ComparePage.MaxRuns"/>), when an experiment has several.</summary>
    private static IReadOnlyList<(string Title, IReadOnlyList<RunRecord> Runs)> ComparisonGroups(ReportInput input) =>
        input.Runs.Select(r => r.Run).Where(r => r.Experiment is not null).GroupBy(r => r.Experiment!, StringComparer.Ordinal)
            .Where(g => g.Count() >= 2).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => (g.Key, (IReadOnlyList<RunRecord>)g.OrderByDescending(r => r.Start).Take(ComparePage.MaxRuns).Reverse().ToArray()))
            .ToArray();

    private static void Refuse(string target)
    {
        if (Directory.Exists(target) && Directory.EnumerateFileSystemEntries(target).Any() && !File.Exists(Path.Combine(target, Marker)))
        {
            throw new PipelineException(
                PipeCodes.ReportFolderNotReport,
                $"'{target}' is not empty and holds no earlier report ({Marker}): refusing to replace it",
                hint: "Give --out an empty or new folder (e.g. --out site); a folder an earlier 'pipeline report' wrote is replaced whole.");
        }
    }
}
