using System.Text;
using System.Text.Json;
using Pipeline.Core.Diagnostics;

namespace Pipeline.Core.Tracking;

/// <summary>
/// Streams a series file back. A torn LAST line (no newline, not parseable: the writer was killed mid-write) is
/// skipped and reported through <see cref="TornLine"/>; a bad line anywhere else is corruption and an error naming
/// the line, because silently dropping data in the middle would change summaries and gate decisions.
/// </summary>
public sealed class SeriesReader
{
    private readonly string _path;
    private readonly string _display;

    public SeriesReader(string path, string? displayName = null)
    {
        _path = path;
        _display = displayName ?? path;
    }

    /// <summary>Line number of a torn last line seen by the last read, or null.</summary>
    public long? TornLine { get; private set; }

    public static bool Exists(string path) => File.Exists(path);

    /// <summary>Every point in file order.</summary>
    public IEnumerable<MetricPoint> Read()
    {
        TornLine = null;
        if (!File.Exists(_path))
        {
            if (File.Exists(_path + ".dvc"))
            {
                throw new PipelineException(
                    PipeCodes.SeriesNotFetched,
                    "the series is tracked by DVC and not in the workspace: run 'dvc pull' first",
                    _display + ".dvc");
            }

            yield break;
        }

        if ((CompactSeries.IsCompact(_path) ? _path : LfsContent()) is { } compact)
        {
            foreach (var p in CompactSeriesReader.Read(compact, _display))
            {
                yield return p;
            }

            yield break;
        }

        var keys = new Dictionary<string, string>(StringComparer.Ordinal);
        using var lines = new Utf8LineReader(
            new FileStream(_path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1, FileOptions.SequentialScan))
        {
            Display = _display,
            TooLong = PipeCodes.RunRecordInvalid,
        };
        while (true)
        {
            MetricPoint point;
            if (!Next(lines, keys, out point, out var skip))
            {
                yield break;
            }

            if (!skip)
            {
                yield return point;
            }
        }
    }

    /// <summary>
    /// For a Git LFS pointer (a clone without git-lfs, or before <c>git lfs pull</c>), the object in the local LFS store;
    /// PIPE3514 when it is not there. Null for any other file.
    /// </summary>
    private string? LfsContent()
    {
        var head = new byte[SeriesOffload.LfsVersionLine.Length];
        using (var f = new FileStream(_path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1))
        {
            if (f.Length > 1024
                || f.ReadAtLeast(head, head.Length, throwOnEndOfStream: false) != head.Length
                || !head.AsSpan().SequenceEqual(Encoding.ASCII.GetBytes(SeriesOffload.LfsVersionLine)))
            {
                return null;
            }
        }

        var oid = File.ReadAllLines(_path).FirstOrDefault(l => l.StartsWith("oid sha256:", StringComparison.Ordinal))?["oid sha256:".Length..].Trim();
        var common = SeriesOffload.GitCommonDir(Path.GetDirectoryName(Path.GetFullPath(_path))!);
        if (oid is { Length: 64 } && common is not null && File.Exists(SeriesOffload.LfsObjectPath(common, oid)))
        {
            return SeriesOffload.LfsObjectPath(common, oid);
        }

        throw new PipelineException(
            PipeCodes.SeriesNotFetched,
            "the series is a Git LFS pointer and its object is not in this clone: run 'git lfs pull' (install git-lfs first: 'git lfs install')",
            _display);
    }

    /// <summary>The points of one key in file order (what a gate's health rule reads: final KL, min entropy, NaN in loss).</summary>
    public IEnumerable<MetricPoint> Read(string key) => Read().Where(p => string.Equals(p.Key, key, StringComparison.Ordinal));

    /// <summary>The series beside a run record file (for runs given as files rather than ledger ids).</summary>
    public static SeriesReader Beside(string recordPath, RunRecord run) =>
        new(Path.Combine(Path.GetDirectoryName(Path.GetFullPath(recordPath))!, run.SeriesFile));

    /// <summary>Summaries recomputed from the series (used for runs whose writer died before writing them).</summary>
    public SortedDictionary<string, MetricSummary> Summarise(out long points)
    {
        var acc = new Dictionary<string, SummaryAccumulator>(StringComparer.Ordinal);
        points = 0;
        foreach (var p in Read())
        {
            if (!acc.TryGetValue(p.Key, out var a))
            {
                acc[p.Key] = a = new SummaryAccumulator();
            }

            a.Add(p.Step, p.Value);
            points++;
        }

        var result = new SortedDictionary<string, MetricSummary>(StringComparer.Ordinal);
        foreach (var (k, a) in acc)
        {
            result[k] = a.ToSummary();
        }

        return result;
    }

    private bool Next(Utf8LineReader lines, Dictionary<string, string> keys, out MetricPoint point, out bool skip)
    {
        point = default;
        skip = false;
        if (!lines.TryReadLine(out var line, out var terminated))
        {
            return false;
        }

        if (line.IsEmpty)
        {
            skip = true;
            return true;
        }

        if (TryParse(line, keys, out point))
        {
            return true;
        }

        if (!terminated)
        {
            TornLine = lines.LineNumber;
            skip = true;
            return true;
        }

        throw new PipelineException(
            PipeCodes.RunRecordInvalid,
            "series line is not {\"s\":step,\"t\":time,\"k\":key,\"v\":value}",
            _display,
            (int)Math.Min(lines.LineNumber, int.MaxValue));
    }

    internal static bool TryParse(ReadOnlySpan<byte> line, Dictionary<string, string> keys, out MetricPoint point)
    {
        point = default;
        long step = 0;
        double wall = double.NaN;
        double value = double.NaN;
        string? key = null;
        bool hasStep = false, hasValue = false;
        try
        {
            var r = new Utf8JsonReader(line);
            if (!r.Read() || r.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }

            while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
            {
                var name = r.ValueSpan;
                if (!r.Read())
                {
                    return false;
                }

                if (name.SequenceEqual("s"u8) && r.TokenType == JsonTokenType.Number && r.TryGetInt64(out step))
                {
                    hasStep = true;
                }
                else if (name.SequenceEqual("t"u8) && r.TokenType == JsonTokenType.Number)
                {
                    wall = r.GetDouble();
                }
                else if (name.SequenceEqual("k"u8) && r.TokenType == JsonTokenType.String)
                {
                    key = Intern(keys, ref r);
                }
                else if (name.SequenceEqual("v"u8))
                {
                    if (r.TokenType == JsonTokenType.Number)
                    {
                        value = r.GetDouble();
                    }
                    else if (r.TokenType == JsonTokenType.String && SeriesNumber.TryParseNonFinite(r.GetString(), out var nf))
                    {
                        value = nf;
                    }
                    else
                    {
                        return false;
                    }

                    hasValue = true;
                }
                else
                {
                    r.Skip();
                }
            }

            if (r.TokenType != JsonTokenType.EndObject || r.Read())
            {
                return false;
            }
        }
        catch (JsonException)
        {
            return false;
        }

        if (!hasStep || !hasValue || key is null)
        {
            return false;
        }

        point = new MetricPoint(key, step, wall, value);
        return true;
    }

    private static string Intern(Dictionary<string, string> keys, ref Utf8JsonReader r)
    {
        if (!r.ValueIsEscaped && r.ValueSpan.Length < 256)
        {
            // Series repeat a handful of keys a million times; look up by bytes to avoid a string per line.
            var lookup = keys.GetAlternateLookup<ReadOnlySpan<char>>();
            Span<char> chars = stackalloc char[r.ValueSpan.Length];
            var n = Encoding.UTF8.GetChars(r.ValueSpan, chars);
            if (lookup.TryGetValue(chars[..n], out var known))
            {
                return known;
            }
        }

        var s = r.GetString()!;
        keys.TryAdd(s, s);
        return keys[s];
    }
}
