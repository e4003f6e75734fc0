using Pipeline.Core.Artifacts;
using Pipeline.Core.Evals;
using Pipeline.Core.Tracking;

namespace Pipeline.Cli.Tests.Gate;

/// <summary>A temp folder with a run ledger written by tracking's own writer (the real on-disk format).</summary>
internal sealed class Ledger : IDisposable
{
    public static readonly Suite Mmlu = new("mmlu", "mmlu@abcd");
    public static readonly Suite Easy = new("mmlu-easy", "mmlu@easy");
    private static readonly DateTimeOffset T0 = new(2026, 11, 1, 9, 0, 0, TimeSpan.Zero);

    public Ledger()
    {
        Root = Path.Combine(Path.GetTempPath(), "pipeline-gate-" + Guid.NewGuid().ToString("N")[..10]);
        Directory.CreateDirectory(Runs);
    }

    public string Root { get; }

    public string Runs => Path.Combine(Root, "registry", "runs");

    public string AddRun(string id, int minute, double? score, Suite? suite = null, double? selfReported = null, string? evaluated = null,
        IReadOnlyDictionary<string, double[]>? series = null)
    {
        var fp = "fp-" + id;
        var run = new RunRecord
        {
            Id = id,
            Name = id,
            Status = RunStatus.Finished,
            Start = T0.AddMinutes(minute),
            Fingerprint = fp,
            Artifacts = [new Artifact("s3://bucket/" + id, "a" + id.GetHashCode().ToString("x8") + new string('0', 56), 10, null)],
            Evals = score is { } s ? [new EvalResult(suite ?? Mmlu, evaluated ?? fp, new Dictionary<string, double> { ["mmlu"] = s })] : [],
            Metrics = selfReported is { } self
                ? new SortedDictionary<string, MetricSummary>(StringComparer.Ordinal) { ["mmlu"] = new MetricSummary(self, 1, self, self, 1, 0, 0) }
                : new SortedDictionary<string, MetricSummary>(StringComparer.Ordinal),
        };
        File.WriteAllBytes(Path.Combine(Runs, id + ".json"), RunRecordWriter.ToUtf8(run));
        if (series is not null)
        {
            using var w = new SeriesWriter(Path.Combine(Runs, id + RunLedger.SeriesSuffix));
            foreach (var (key, values) in series)
            {
                for (var i = 0; i < values.Length; i++)
                {
                    w.Write(key, i, 1.7e9 + i, values[i]);
                }
            }
        }

        return fp;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
