using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Pipeline.Core.Tracking;

namespace Pipeline.Bench.Tracking;

/// <summary>
/// 1,000,000 RunLogger.LogMetric calls (target &lt; 2 s), against a baseline in the same run: the obvious hand-rolled
/// logger (serialize each point with System.Text.Json, WriteLine to a StreamWriter, no summaries).
/// </summary>
internal static class LogMetricBench
{
    public static int Run(string[] args)
    {
        var n = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 1_000_000;
        string[] keys = ["loss", "reward", "kl", "entropy"];
        var dir = Path.Combine(Path.GetTempPath(), "pipeline-bench-logmetric-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(dir);
        try
        {
            // Warm-up (JIT) on a small run, then the measured one.
            Measure(dir, keys, 20_000);
            var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            var (ours, points) = Measure(dir, keys, n);
            var ourCpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;

            var naivePath = Path.Combine(dir, "naive.jsonl");
            var clock = Stopwatch.StartNew();
            using (var writer = new StreamWriter(naivePath))
            {
                for (var i = 0; i < n; i++)
                {
                    var point = new NaivePoint(i / 4, (DateTime.UtcNow - DateTime.UnixEpoch).TotalSeconds, keys[i & 3], i * 1e-6);
                    writer.WriteLine(JsonSerializer.Serialize(point));
                }
            }

            var naive = clock.Elapsed;
            var naiveCpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore - ourCpu;
            Console.WriteLine($"LogMetric x {n:N0} ({points:N0} points in the series)");
            Console.WriteLine(
                $"  RunLogger (summaries + crash-safe series)  {ours.TotalSeconds,7:0.000} s  ({ours.TotalNanoseconds / n:0} ns/call, cpu " +
                $"{ourCpu.TotalSeconds:0.000} s)  target < 2 s: {(ours.TotalSeconds < 2 ? "met" : "MISSED")}");
            Console.WriteLine(
                $"  naive JsonSerializer + StreamWriter        {naive.TotalSeconds,7:0.000} s  ({naive.TotalNanoseconds / n:0} ns/call, cpu " +
                $"{naiveCpu.TotalSeconds:0.000} s)");
            Console.WriteLine($"  ratio naive / RunLogger                    x{naive / ours:0.00}");
            return 0;
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static (TimeSpan Elapsed, long Points) Measure(string dir, string[] keys, int n)
    {
        var clock = Stopwatch.StartNew();
        string id;
        using (var run = RunLogger.Start(dir, "bench", "bench", "grpo", [new("lr", 1e-6)]))
        {
            id = run.Id;
            for (var i = 0; i < n; i++)
            {
                run.LogMetric(keys[i & 3], i * 1e-6, i / 4);
            }

            run.Finish();
        }

        var elapsed = clock.Elapsed;
        return (elapsed, RunLedger.ForRepository(dir).Read(id).SeriesPoints);
    }

    private sealed record NaivePoint(long Step, double Time, string Key, double Value);
}
