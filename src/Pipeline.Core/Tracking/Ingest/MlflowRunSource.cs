using System.Globalization;
using System.Text;
using Pipeline.Core.Canonical;
using Pipeline.Core.Diagnostics;
using Pipeline.Core.Yaml;
using Pipeline.Core.Lineage;

namespace Pipeline.Core.Tracking.Ingest;

/// <summary>
/// An MLflow file-store run folder (<c>mlruns/&lt;exp&gt;/&lt;run&gt;/</c>, see mlflow/store/tracking/file_store.py):
/// <c>meta.yaml</c> (run_id, run_name, status as an int 1..5, start_time/end_time in ms), <c>params/&lt;key&gt;</c>
/// (raw value: kept as a string, as MLflow does), <c>metrics/&lt;key&gt;</c> (lines <c>timestamp_ms value step</c>; a
/// 2-field legacy line means step 0), <c>tags/&lt;key&gt;</c>. Keys with '/' are nested folders. Tag
/// <c>mlflow.source.git.commit</c> feeds lineage <c>code_commit</c>; <c>mlflow.runName</c> the name; the experiment
/// name comes from the parent folder's meta.yaml when present.
/// </summary>
internal sealed class MlflowRunSource(string folder, string display) : IRunSource
{
    public string Format => "mlflow";

    public long Length => Files("metrics").Sum(f => new FileInfo(f).Length);

    public static bool Looks(string folder) =>
        File.Exists(Path.Combine(folder, "meta.yaml"))
            && (Directory.Exists(Path.Combine(folder, "metrics"))
                || Directory.Exists(Path.Combine(folder, "params"))
                || Directory.Exists(Path.Combine(folder, "tags")));

    public void ReadInto(RunDraft draft, Action<long>? progress)
    {
        var metaShown = Shown("meta.yaml");
        if (YamlReader.ParseFile(Path.Combine(folder, "meta.yaml"), metaShown) is not ObjectValue meta)
        {
            throw new PipelineException(PipeCodes.RunSourceMalformed, "meta.yaml must be a mapping", metaShown, 1);
        }

        draft.ExternalId = Text(meta["run_id"]) ?? Text(meta["run_uuid"]);
        draft.Name = Text(meta["run_name"]) ?? draft.Name;
        draft.Status = Status(meta["status"], metaShown, meta.LineOf("status"));
        if (Millis(meta, "start_time", metaShown) is { } start)
        {
            draft.Start = start;
        }

        if (Millis(meta, "end_time", metaShown) is { } end)
        {
            draft.End = end;
        }

        draft.Experiment = ExperimentName() ?? Text(meta["experiment_id"]);

        foreach (var (key, file) in Keyed("params"))
        {
            draft.AddParam(key, new StringValue(ReadValue(file, Shown("params/" + key))), Shown("params/" + key), 0);
        }

        foreach (var (key, file) in Keyed("tags"))
        {
            var value = ReadValue(file, Shown("tags/" + key));
            draft.AddTag(key, value, Shown("tags/" + key));
            if (key == "mlflow.runName")
            {
                draft.Name = value;
            }

            if (key == "mlflow.source.git.commit")
            {
                draft.Lineage.Add(new Member(LineageFields.CodeCommit, new StringValue(value.Trim()), 0));
            }
        }

        var done = 0L;
        foreach (var (key, file) in Keyed("metrics"))
        {
            ReadMetric(key, file, draft);
            done += new FileInfo(file).Length;
            progress?.Invoke(done);
        }
    }

    /// <summary>One param or tag value: a regular file of at most 1 MiB, strict UTF-8.</summary>
    private static string ReadValue(string file, string shown)
    {
        var bytes = Inputs.InputLimits.ReadAll(file, shown, Inputs.InputLimits.SingleValue);
        try
        {
            return new System.Text.UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (System.Text.DecoderFallbackException ex)
        {
            throw new PipelineException(PipeCodes.InvalidUtf8, $"invalid UTF-8 at byte {ex.Index}", shown);
        }
    }

    private void ReadMetric(string key, string file, RunDraft draft)
    {
        var shown = Shown("metrics/" + key);
        Inputs.InputLimits.Check(file, shown, cap: null);
        using var lines = new Utf8LineReader(File.OpenRead(file)) { Display = shown };
        while (lines.TryReadLine(out var line, out var terminated))
        {
            if (line.IsEmpty)
            {
                continue;
            }

            var parts = Encoding.ASCII.GetString(line).Split(' ', StringSplitOptions.RemoveEmptyEntries);
            long step = 0;
            if (parts.Length is < 2 or > 3
                || !long.TryParse(parts[0], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var ms)
                || !SeriesNumber.TryParse(parts[1], out var value)
                || (parts.Length == 3 && !long.TryParse(parts[2], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out step))
                || !RunDraft.IsTime(ms / 1000.0))
            {
                if (!terminated)
                {
                    break; // torn last line of a killed run
                }

                throw new PipelineException(PipeCodes.RunSourceMalformed, "expected '<timestamp_ms> <value> <step>'", shown, (int)lines.LineNumber);
            }

            draft.AddPoint(key, step, ms / 1000.0, value);
        }
    }

    private IEnumerable<string> Files(string sub)
    {
        var root = Path.Combine(folder, sub);
        return Directory.Exists(root) ? Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories) : [];
    }

    /// <summary>(key, file) with the key rebuilt from nested folders, in ordinal key order.</summary>
    private IEnumerable<(string Key, string File)> Keyed(string sub)
    {
        var root = Path.Combine(folder, sub);
        return Files(sub)
            .Select(f => (Key: Path.GetRelativePath(root, f).Replace('\\', '/'), File: f))
            .OrderBy(p => p.Key, StringComparer.Ordinal);
    }

    private string? ExperimentName()
    {
        var parentMeta = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(folder).TrimEnd(Path.DirectorySeparatorChar))!, "meta.yaml");
        if (!File.Exists(parentMeta))
        {
            return null;
        }

        return YamlReader.ParseFile(parentMeta, Shown("../meta.yaml")) is ObjectValue o ? Text(o["name"]) : null;
    }

    private static RunStatus Status(Value? v, string file, int line) => v switch
    {
        null or NullValue => RunStatus.Finished,
        IntegerValue i => (i.Value >= int.MinValue && i.Value <= int.MaxValue ? (int)i.Value : 0) switch
        {
            1 or 2 => RunStatus.Running,
            3 => RunStatus.Finished,
            4 => RunStatus.Failed,
            5 => RunStatus.Killed,
            _ =>
                throw new PipelineException(
                    PipeCodes.RunSourceMalformed,
                    $"unknown MLflow status {i.Value} (1 RUNNING, 2 SCHEDULED, 3 FINISHED, 4 FAILED, 5 KILLED)",
                    file,
                    line),
        },
        StringValue s => s.Value.ToUpperInvariant() switch
        {
            "RUNNING" or "SCHEDULED" => RunStatus.Running,
            "FINISHED" => RunStatus.Finished,
            "FAILED" => RunStatus.Failed,
            "KILLED" => RunStatus.Killed,
            _ => throw new PipelineException(PipeCodes.RunSourceMalformed, $"unknown MLflow status '{s.Value}'", file, line),
        },
        _ => throw new PipelineException(PipeCodes.RunSourceMalformed, "status must be an MLflow status", file, line),
    };

    private static DateTimeOffset? Millis(ObjectValue meta, string key, string file) => meta[key] switch
    {
        IntegerValue i when RunDraft.IsTime((double)i.Value / 1000.0) => DateTimeOffset.FromUnixTimeMilliseconds((long)i.Value),
        IntegerValue i =>
            throw new PipelineException(
                PipeCodes.RunSourceMalformed,
                $"{key} {i.Value} is not {RunDraft.TimeRange} in milliseconds",
                file,
                meta.LineOf(key)),
        _ => null,
    };

    private static string? Text(Value? v) => v switch
    {
        StringValue s when s.Value.Length > 0 => s.Value,
        IntegerValue i => i.Value.ToString(CultureInfo.InvariantCulture),
        _ => null,
    };

    private string Shown(string relative) => display.TrimEnd('/') + "/" + relative;
}
