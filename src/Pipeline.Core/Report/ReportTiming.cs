using System.Diagnostics;
using System.Globalization;

namespace Pipeline.Core.Report;

/// <summary>
/// Phase timings of a report build, printed on stderr when <c>PIPELINE_REPORT_TIMING=1</c> (how bench/report's figure
/// was taken apart: reading series, downsampling, rendering, writing). Phases run on several threads, so each is the
/// sum of its threads' time, next to the wall clock of the whole build.
/// </summary>
public static class ReportTiming
{
    private static readonly string[] Names = [
        "collect", "series read", "chart (sort+LTTB)", "render html", "write files", "compare pages", "swap folder", "index/runs/versions"];
    private static readonly long[] Ticks = new long[Names.Length];

    public static bool Enabled { get; } = Environment.GetEnvironmentVariable("PIPELINE_REPORT_TIMING") == "1";

    public const int Collect = 0;
    public const int SeriesRead = 1;
    public const int Chart = 2;
    public const int Render = 3;
    public const int WriteFiles = 4;
    public const int ComparePages = 5;
    public const int Swap = 6;
    public const int ListPages = 7;

    public static long Start() => Enabled ? Stopwatch.GetTimestamp() : 0;

    public static void Stop(int phase, long started)
    {
        if (Enabled)
        {
            Interlocked.Add(ref Ticks[phase], Stopwatch.GetTimestamp() - started);
        }
    }

    public static void Print(TextWriter to, TimeSpan wall)
    {
        if (!Enabled)
        {
            return;
        }

        to.WriteLine(string.Create(CultureInfo.InvariantCulture, $"report timing (thread-summed ms; wall {wall.TotalMilliseconds:0} ms):"));
        for (var i = 0; i < Names.Length; i++)
        {
            to.WriteLine(
                string.Create(CultureInfo.InvariantCulture, $"  {Names[i],-18} {Stopwatch.GetElapsedTime(0, Ticks[i]).TotalMilliseconds,8:0}"));
        }
    }
}
