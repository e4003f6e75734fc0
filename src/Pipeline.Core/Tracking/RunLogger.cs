using Pipeline.Core.Artifacts;
using Pipeline.Core.Canonical;
using Pipeline.Core.Diagnostics;
using Pipeline.Core.Evals;
using Pipeline.Core.Lineage;

namespace Pipeline.Core.Tracking;

/// <summary>
/// The tracking API for trainers written in C# (TorchSharp, ML.NET):
/// <code>
/// using var run = RunLogger.Start(repo, "sft-lr2e-5", experiment: "sft", method: "sft", parameters: new Dictionary&lt;string, object?&gt; { ["lr"] =
/// 2e-5 });
/// run.LogMetric("loss", 2.31, step: 0);
/// run.LogArtifact("out/adapter");
/// run.Finish(RunStatus.Finished);
/// </code>
/// Crash safety: the record is written at start with status "running" and the writer's pid; points are appended to
/// the series in whole lines, flushed every <see cref="FlushInterval"/> and whenever the buffer fills. A killed
/// process therefore leaves a readable run that readers report as "unfinished" (its writer is gone), with at most
/// one torn last line, which readers skip and report. All members are thread-safe.
/// </summary>
public sealed class RunLogger : IDisposable
{
    /// <summary>How long a logged point may sit in memory before it reaches the file.</summary>
    public static readonly TimeSpan FlushInterval = TimeSpan.FromMilliseconds(200);

    private readonly object _gate = new();
    private readonly RunLedger _ledger;
    private readonly SeriesWriter _series;
    private readonly Dictionary<string, SummaryAccumulator> _metrics = new(StringComparer.Ordinal);
    private readonly List<Member> _params = [];
    private readonly SortedDictionary<string, string> _tags = new(StringComparer.Ordinal);
    private readonly List<Artifact> _artifacts = [];
    private readonly List<EvalResult> _evals = [];
    private readonly Timer _flusher;
    private readonly string _baseDirectory;
    private ObjectValue? _lineage;
    private RunRecord _record;
    private bool _finished;

    private RunLogger(RunLedger ledger, RunRecord record, string baseDirectory)
    {
        _ledger = ledger;
        _record = record;
        _baseDirectory = baseDirectory;
        _params.AddRange(record.Params.Members); // before the first write: a run killed right away keeps its params
        Directory.CreateDirectory(ledger.Folder);
        _series = new SeriesWriter(ledger.LiveSeriesPath(record.Id));
        WriteRecord();
        _flusher = new Timer(_ => FlushQuietly(), null, FlushInterval, FlushInterval);
    }

    public string Id => _record.Id;

    public string RecordPath => _ledger.RecordPath(Id);

    public string SeriesPath => _ledger.SeriesPath(Id);

    /// <summary>
    /// Opens a run in <c>&lt;repoOrFolder&gt;/registry/runs/</c>. Params are validated (MLflow key rules) before anything is written.
    /// </summary>
    public static RunLogger Start(
        string repoOrFolder,
        string name,
        string? experiment = null,
        string? method = null,
        IEnumerable<KeyValuePair<string, object?>>? parameters = null)
    {
        RunNames.RequireOptional(method, "method");
        RunNames.RequireOptional(experiment, "experiment");
        var members = (parameters ?? []).Select(p => new Member(p.Key, ParamValues.From(p.Value), 0)).ToList();
        MetricKeys.Require(members.Select(m => m.Key), "param");
        var duplicate = members.GroupBy(m => m.Key).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new PipelineException(PipeCodes.ParamConflict, $"param '{duplicate.Key}' given twice");
        }

        var start = DateTimeOffset.UtcNow;
        var record = new RunRecord
        {
            Id = RunId.New(start),
            Name = name,
            Experiment = experiment,
            Method = method,
            Status = RunStatus.Running,
            Start = start,
            Params = new ObjectValue(members.ToArray()),
            Origin = new RunOrigin("api", "RunLogger", null),
            Writer = new RunWriter(Environment.MachineName, Environment.ProcessId),
        };
        // The registry folder of pipeline.yaml: a run committed outside it would move the lineage's code_commit.
        var registryFolder = Project.ProjectConfig.Load(repoOrFolder).RegistryFolder;
        return new RunLogger(RunLedger.ForRepository(repoOrFolder, registryFolder), record, Path.GetFullPath(repoOrFolder));
    }

    public void LogParam(string key, object? value) => LogParams([new KeyValuePair<string, object?>(key, value)]);

    /// <summary>Params are write-once: re-logging a key with the same value is fine, a different value is an error.</summary>
    public void LogParams(IEnumerable<KeyValuePair<string, object?>> parameters)
    {
        var incoming = parameters.Select(p => new Member(p.Key, ParamValues.From(p.Value), 0)).ToArray();
        MetricKeys.Require(incoming.Select(m => m.Key), "param");
        lock (_gate)
        {
            EnsureOpen();
            foreach (var m in incoming)
            {
                var existing = _params.FindIndex(p => p.Key == m.Key);
                if (existing < 0)
                {
                    _params.Add(m);
                }
                else if (CanonicalJson.Write(_params[existing].Value) != CanonicalJson.Write(m.Value))
                {
                    throw new PipelineException(
                        PipeCodes.ParamConflict,
                        $"param '{m.Key}' already logged as {CanonicalJson.Write(_params[existing].Value)}, now {CanonicalJson.Write(m.Value)}");
                }
            }

            WriteRecord();
        }
    }

    public void SetTag(string key, string value)
    {
        MetricKeys.Require(key, "tag");
        lock (_gate)
        {
            EnsureOpen();
            _tags[key] = value;
            WriteRecord();
        }
    }

    /// <summary>Logs one point; the wall time is now. Cheap (no I/O on the caller's thread unless the buffer is full).</summary>
    public void LogMetric(string key, double value, long step) => LogMetric(key, value, step, DateTime.UtcNow);

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public void LogMetric(string key, double value, long step, DateTime utcTime)
    {
        var millis = (utcTime.Ticks - DateTime.UnixEpoch.Ticks) / TimeSpan.TicksPerMillisecond;
        lock (_gate)
        {
            EnsureOpen();
            if (!_metrics.TryGetValue(key, out var acc))
            {
                MetricKeys.Require(key, "metric");
                acc = new SummaryAccumulator();
                _metrics[key] = acc;
            }

            acc.Add(step, value);
            _series.WriteAt(key, step, millis, value);
        }
    }

    /// <summary>Hashes a local file or folder (sha256, per-file manifest) or records a URI as given.</summary>
    public Artifact LogArtifact(string pathOrUri)
    {
        var artifact = ArtifactDigest.Describe(RepoRelative(pathOrUri), _baseDirectory);
        lock (_gate)
        {
            EnsureOpen();
            _artifacts.Add(artifact);
            WriteRecord();
        }

        return artifact;
    }

    public void LogEval(EvalResult result)
    {
        lock (_gate)
        {
            EnsureOpen();
            _evals.Add(result);
            WriteRecord();
        }
    }

    /// <summary>The run's lineage (docs/design.md §2); the fingerprint is recorded when every REQUIRED field is present.</summary>
    public void SetLineage(ObjectValue lineage)
    {
        lock (_gate)
        {
            EnsureOpen();
            _lineage = lineage;
            WriteRecord();
        }
    }

    /// <summary>Pushes buffered points to the file now.</summary>
    public void Flush()
    {
        lock (_gate)
        {
            if (!_finished)
            {
                _series.Flush();
            }
        }
    }

    /// <summary>Writes the summaries and the final status. Later calls do nothing.</summary>
    public void Finish(RunStatus status = RunStatus.Finished)
    {
        if (status is RunStatus.Running or RunStatus.Unfinished)
        {
            throw new ArgumentOutOfRangeException(nameof(status), "finish with finished, failed or killed");
        }

        lock (_gate)
        {
            if (_finished)
            {
                return;
            }

            _flusher.Dispose();
            _series.Dispose();
            _finished = true;
            _record = _record with { Status = status, End = DateTimeOffset.UtcNow, Writer = null };
            WriteRecord();
        }
    }

    /// <summary>Finishes as <see cref="RunStatus.Finished"/> unless <see cref="Finish"/> was called (call Finish(Failed) in a catch).</summary>
    public void Dispose() => Finish(RunStatus.Finished);

    private void WriteRecord()
    {
        var lineage = _lineage;
        string? fingerprint = lineage is not null && LineageFields.Required.All(k => lineage[k] is not null) ? Fingerprint.Compute(lineage) : null;
        _record = _record with
        {
            Params = new ObjectValue(_params.ToArray()),
            Tags = new SortedDictionary<string, string>(_tags, StringComparer.Ordinal),
            Metrics = new SortedDictionary<string, MetricSummary>(
                _metrics.ToDictionary(p => p.Key, p => p.Value.ToSummary()),
                StringComparer.Ordinal),
            SeriesPoints = _series.Points,
            Artifacts = _artifacts.ToArray(),
            Evals = _evals.ToArray(),
            Lineage = lineage,
            Fingerprint = fingerprint,
        };
        RunLedger.WriteAtomic(RecordPath, RunRecordWriter.ToUtf8(_record));
    }

    /// <summary>Local paths are resolved against the current folder and recorded repo-relative when inside the repo.</summary>
    private string RepoRelative(string pathOrUri)
    {
        if (ArtifactDigest.IsRemote(pathOrUri))
        {
            return pathOrUri;
        }

        var full = Path.GetFullPath(pathOrUri);
        var relative = Path.GetRelativePath(_baseDirectory, full);
        return relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative) ? full : relative.Replace('\\', '/');
    }

    private void FlushQuietly()
    {
        try
        {
            Flush();
        }
        catch (IOException)
        {
            // A full disk must not kill the trainer from a timer thread; the next explicit Flush/Finish reports it.
        }
        catch (ObjectDisposedException)
        {
        }
    }

    private void EnsureOpen()
    {
        if (_finished)
        {
            throw new PipelineException(PipeCodes.RunAlreadyFinished, $"run {Id} is already finished");
        }
    }
}
