using System.Diagnostics;
using System.Text.Json;
using Pipeline.Core.Tracking;
using Pipeline.Core.Tracking.Ingest;

namespace Pipeline.Bench.Tracking;

/// <summary>Where ingest time goes, in-process and warm: reading lines, tokenising them, the full ingest.</summary>
internal static class IngestPhasesBench
{
    public static int Run(string[] args)
    {
        var file = args[0];
        for (var round = 0; round < 2; round++)
        {
            var clock = Stopwatch.StartNew();
            long lines = 0;
            using (var reader = new Utf8LineReader(File.OpenRead(file), 1 << 20))
            {
                while (reader.TryReadLine(out _, out _))
                {
                    lines++;
                }
            }

            var read = clock.Elapsed;
            clock.Restart();
            long tokens = 0;
            using (var reader = new Utf8LineReader(File.OpenRead(file), 1 << 20))
            {
                while (reader.TryReadLine(out var line, out _))
                {
                    try
                    {
                        var r = new Utf8JsonReader(line);
                        while (r.Read())
                        {
                            tokens++;
                        }
                    }
                    catch (JsonException)
                    {
                    }
                }
            }

            var tokenise = clock.Elapsed;
            clock.Restart();
            var dir = Path.Combine(Path.GetTempPath(), "pipeline-bench-phases-" + Guid.NewGuid().ToString("N")[..8]);
            RunIngestor.Ingest(file, new RunLedger(dir), new IngestOptions());
            var ingest = clock.Elapsed;
            Directory.Delete(dir, true);
            Console.WriteLine(
                $"round {round}: lines {lines:N0} read {read.TotalSeconds:0.000}s, tokenise {tokenise.TotalSeconds:0.000}s ({tokens:N0} tokens), " +
                $"full ingest {ingest.TotalSeconds:0.000}s");
        }

        return 0;
    }
}
