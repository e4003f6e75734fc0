using System.Runtime.CompilerServices;
using System.Globalization;
using System.Text.Json;
using Pipeline.Core.Artifacts;
using Pipeline.Core.Canonical;
using Pipeline.Core.Diagnostics;
using Pipeline.Core.Evals;

namespace Pipeline.Core.Tracking.Ingest;

/// <summary>
/// The documented JSONL run format (docs/tracking.md). Each line is one JSON object:
/// <list type="bullet">
/// <item>a <b>point line</b> has <c>step</c> (integer) and optionally <c>time</c> (seconds since the epoch); every other
/// member is a metric key → number (or NaN/Infinity, bare as Python writes them or quoted; null = not logged).
/// The compact form <c>{"s":…,"t":…,"k":key,"v":value}</c> (the ledger's own series format) is read too.</item>
/// <item>a <b>header line</b> has no step: <c>name, experiment, method, status, start, end, params, tags, lineage,
/// artifacts, evals</c>. Usually the first line; several are merged (params are write-once).</item>
/// </list>
/// Point lines take a fast path over the raw bytes; only header lines and odd lines build a <see cref="Value"/> tree.
/// </summary>
internal sealed class JsonlRunSource(string path, string display) : IRunSource
{
    private static readonly HashSet<string> HeaderMembers = [
        "name", "experiment", "method", "status", "start", "end", "params", "tags", "lineage", "artifacts", "evals"];
    private readonly KeyCache _keys = new();
    private readonly List<(string Key, double Value, int Start, int Length)> _pending = [];

    public string Format => "jsonl";

    public long Length => new FileInfo(path).Length;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void ReadInto(RunDraft draft, Action<long>? progress)
    {
        Inputs.InputLimits.Check(path, display, cap: null);
        using var lines = new Utf8LineReader(
            new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan),
            1 << 20) { Display = display };
        var nextReport = 0L;
        while (lines.TryReadLine(out var line, out var terminated))
        {
            if (line.Trim(" \t"u8).IsEmpty)
            {
                continue;
            }

            var number = (int)Math.Min(lines.LineNumber, int.MaxValue);
            if (!TryFastPoint(line, draft))
            {
                SlowLine(line, number, terminated, draft);
            }

            if (progress is not null && lines.Position >= nextReport)
            {
                progress(lines.Position);
                nextReport = lines.Position + (8 << 20);
            }
        }

        progress?.Invoke(lines.Position);
    }

    /// <summary>Point lines made only of numbers (the bulk of any file); false sends the line to the slow path.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool TryFastPoint(ReadOnlySpan<byte> line, RunDraft draft)
    {
        _pending.Clear();
        long step = 0;
        var hasStep = false;
        var wall = double.NaN;
        (int Start, int Length) wallText = default;
        string? compactKey = null;
        var compactValue = double.NaN;
        (int Start, int Length) compactText = default;
        var hasCompactValue = false;
        try
        {
            var r = new Utf8JsonReader(line);
            if (!r.Read() || r.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }

            while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
            {
                if (r.ValueIsEscaped)
                {
                    return false;
                }

                var name = r.ValueSpan;
                // Invalid UTF-8 in a name goes to the strict reader, which names the line (it used to end as PIPE0099).
                if (!System.Text.Unicode.Utf8.IsValid(name))
                {
                    return false;
                }

                r.Read();
                var isStep = name.SequenceEqual("step"u8) || name.SequenceEqual("s"u8);
                var isTime = name.SequenceEqual("time"u8) || name.SequenceEqual("t"u8);
                switch (r.TokenType)
                {
                    // A member named twice (Utf8JsonReader does not check) goes to the strict reader, which refuses it.
                    case JsonTokenType.Number when isStep:
                        if (hasStep || !r.TryGetInt64(out step))
                        {
                            return false;
                        }

                        hasStep = true;
                        break;
                    case JsonTokenType.Number when isTime:
                        if (wallText.Length > 0)
                        {
                            return false;
                        }

                        wall = r.GetDouble();
                        wallText = ((int)r.TokenStartIndex, r.ValueSpan.Length);
                        break;
                    case JsonTokenType.Number when name.SequenceEqual("v"u8):
                        compactValue = r.GetDouble();
                        compactText = ((int)r.TokenStartIndex, r.ValueSpan.Length);
                        hasCompactValue = true;
                        break;
                    case JsonTokenType.Number:
                        if (!AddPending(_keys.Get(name), r.GetDouble(), (int)r.TokenStartIndex, r.ValueSpan.Length))
                        {
                            return false;
                        }

                        break;
                    case JsonTokenType.String when name.SequenceEqual("k"u8) && !r.ValueIsEscaped:
                        compactKey = _keys.Get(r.ValueSpan);
                        break;
                    case JsonTokenType.String when !isStep && !isTime && SeriesNumber.TryParseNonFinite(r.GetString(), out var nf):
                        if (name.SequenceEqual("v"u8))
                        {
                            compactValue = nf;
                            hasCompactValue = true;
                        }
                        else if (!AddPending(_keys.Get(name), nf, 0, 0))
                        {
                            return false;
                        }

                        break;
                    case JsonTokenType.Null when !isStep:
                        break;
                    default:
                        return false;
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
        catch (FormatException)
        {
            return false; // e.g. 1e400: the slow path names it (PIPE2004)
        }
        catch (InvalidOperationException)
        {
            return false; // e.g. a string value that is not valid UTF-8: the slow path names it
        }

        if (!hasStep || (compactKey is null) != !hasCompactValue || !RunDraft.IsTime(wall))
        {
            return false;
        }

        if (compactKey is not null)
        {
            _pending.Add((compactKey, compactValue, compactText.Start, compactText.Length));
        }

        var wallBytes = line.Slice(wallText.Start, wallText.Length);
        foreach (var (key, value, start, length) in _pending)
        {
            draft.AddPoint(key, step, wall, wallBytes, value, line.Slice(start, length));
        }

        return true;
    }

    /// <summary>False when the key is already on this line (keys are shared instances from the cache).</summary>
    private bool AddPending(string key, double value, int start, int length)
    {
        foreach (var p in _pending)
        {
            if (ReferenceEquals(p.Key, key))
            {
                return false;
            }
        }

        _pending.Add((key, value, start, length));
        return true;
    }

    private void SlowLine(ReadOnlySpan<byte> line, int number, bool terminated, RunDraft draft)
    {
        Value parsed;
        try
        {
            parsed = JsonReader.Parse(PythonJsonTokens.MayContain(line) ? PythonJsonTokens.Quote(line) : line, display);
        }
        catch (PipelineException ex)
        {
            var torn = terminated ? "" : " (the last line has no newline: was the writer killed mid-line?)";
            throw new PipelineException(PipeCodes.RunSourceMalformed, $"line {number} is not a JSON object: {ex.Message}{torn}", display, number);
        }

        if (parsed is not ObjectValue obj)
        {
            throw Malformed(number, "each line must be a JSON object");
        }

        if (obj["step"] is not null || obj["s"] is not null)
        {
            PointLine(obj, number, draft);
        }
        else
        {
            HeaderLine(obj, number, draft);
        }
    }

    private void PointLine(ObjectValue obj, int number, RunDraft draft)
    {
        var stepValue = obj["step"] ?? obj["s"]!;
        if (stepValue is not IntegerValue iv || iv.Value < long.MinValue || iv.Value > long.MaxValue)
        {
            throw Malformed(number, "'step' must be an integer");
        }

        var step = (long)iv.Value;
        var wall = double.NaN;
        if ((obj["time"] ?? obj["t"]) is { } t)
        {
            wall = AsNumber(t) ?? throw Malformed(number, "'time' must be seconds since the epoch (a number)");
            if (!RunDraft.IsTime(wall))
            {
                throw Malformed(number, $"'time' {t} is not {RunDraft.TimeRange}");
            }
        }

        if (obj["k"] is StringValue compact)
        {
            var v = obj["v"] is { } vv ? AsNumber(vv) : null;
            draft.AddPoint(compact.Value, step, wall, v ?? throw Malformed(number, "'v' must be a number"));
            return;
        }

        foreach (var m in obj.Members)
        {
            if (m.Key is "step" or "s" or "time" or "t" || m.Value is NullValue)
            {
                continue;
            }

            var value = AsNumber(m.Value)
                ?? throw Malformed(
                    number,
                    $"metric '{m.Key}' must be a number (or NaN/Infinity), not {Describe(m.Value)}; put run metadata in a header line (a line " +
                    "without 'step')");
            draft.AddPoint(m.Key, step, wall, value);
        }
    }

    private void HeaderLine(ObjectValue obj, int number, RunDraft draft)
    {
        var unknown = obj.Members.Select(m => m.Key).Where(k => !HeaderMembers.Contains(k)).ToArray();
        if (unknown.Length > 0)
        {
            throw Malformed(
                number,
                $"a line without 'step' is a header; unknown header member{(unknown.Length > 1 ? "s" : "")}: {string.Join(", ", unknown)} " +
                $"(allowed: {string.Join(", ", HeaderMembers)})");
        }

        draft.Name = Text(obj, "name", number) ?? draft.Name;
        draft.Experiment = Text(obj, "experiment", number) ?? draft.Experiment;
        draft.Method = Text(obj, "method", number) ?? draft.Method;
        if (Text(obj, "status", number) is { } status)
        {
            draft.Status = RunStatusNames.TryParse(status, out var s) && s != RunStatus.Unfinished
                ? s
                : throw Malformed(number, $"unknown status '{status}'");
        }

        draft.Start = Time(obj, "start", number) ?? draft.Start;
        draft.End = Time(obj, "end", number) ?? draft.End;
        if (obj["params"] is { } p)
        {
            foreach (var m in (p as ObjectValue ?? throw Malformed(number, "'params' must be an object")).Members)
            {
                draft.AddParam(m.Key, m.Value, display, number);
            }
        }

        if (obj["tags"] is { } tags)
        {
            foreach (var m in (tags as ObjectValue ?? throw Malformed(number, "'tags' must be an object")).Members)
            {
                draft.AddTag(m.Key, m.Value is StringValue sv ? sv.Value : CanonicalJson.Write(m.Value), display);
            }
        }

        if (obj["lineage"] is { } lineage)
        {
            draft.Lineage.Clear();
            draft.Lineage.AddRange((lineage as ObjectValue ?? throw Malformed(number, "'lineage' must be an object")).Members);
        }

        if (obj["artifacts"] is { } artifacts)
        {
            var baseDir = Path.GetDirectoryName(Path.GetFullPath(path))!;
            foreach (var a in (artifacts as ArrayValue ?? throw Malformed(number, "'artifacts' must be an array of paths or URIs")).Items)
            {
                draft.Artifacts.Add(
                    ArtifactDigest.Describe(
                        a is StringValue s ? s.Value : throw Malformed(number, "each artifact must be a path or URI string"),
                        baseDir));
            }
        }

        if (obj["evals"] is { } evals)
        {
            foreach (var e in (evals as ArrayValue ?? throw Malformed(number, "'evals' must be an array of eval results")).Items)
            {
                // A trainer's log says what it likes about itself; only a Pipeline command in CI writes a producer.
                draft.Evals.Add(EvalResult.From(e, display) with { Producer = null });
            }
        }
    }

    private static double? AsNumber(Value v) => v switch
    {
        IntegerValue i => (double)i.Value,
        FloatValue f => f.Value,
        StringValue s when SeriesNumber.TryParseNonFinite(s.Value, out var d) => d,
        _ => null,
    };

    private static string Describe(Value v) => v switch
    {
        StringValue s => $"the string \"{(s.Value.Length > 30 ? s.Value[..30] + "…" : s.Value)}\"",
        BoolValue => "a boolean",
        ArrayValue => "an array",
        ObjectValue => "an object",
        _ => "that value",
    };

    private string? Text(ObjectValue obj, string key, int number) => obj[key] switch
    {
        null or NullValue => null,
        StringValue s => s.Value,
        _ => throw Malformed(number, $"'{key}' must be a string"),
    };

    private DateTimeOffset? Time(ObjectValue obj, string key, int number) => obj[key] switch
    {
        null or NullValue => null,
        IntegerValue or FloatValue when RunDraft.IsTime(AsNumber(obj[key]!)!.Value) => RunDraft.FromSeconds(AsNumber(obj[key]!)!.Value),
        IntegerValue or FloatValue => throw Malformed(number, $"'{key}' {obj[key]} is not {RunDraft.TimeRange}"),
        StringValue s when DateTimeOffset.TryParse(s.Value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t) => t,
        _ => throw Malformed(number, $"'{key}' must be an ISO 8601 time or seconds since the epoch"),
    };

    private PipelineException Malformed(int line, string message) =>
        new(PipeCodes.RunSourceMalformed, $"line {line}: {message}", display, line);
}
