using System.Text.Json;
using System.Text.Unicode;
using Pipeline.Core.Canonical;
using Pipeline.Core.Evals;
using Pipeline.Core.Tracking;

namespace Pipeline.Core.Sweep;

/// <summary>
/// A run record's bytes straight to the sweep <see cref="Candidate"/> that <c>select</c> ranks, without the document
/// tree: one pass over the tokens (<see cref="RecordScan"/>) keeps id, start, fingerprint, artifact digests, eval
/// results and the metric summaries' last values, and checks every other field by the rule
/// <see cref="RunRecordReader"/> applies to it (a malformed field select never uses still refuses the record).
/// Whatever the pass does not vouch for goes to the full reader, so the answer is always exactly
/// <c>RunCandidates.From(RunRecordReader.Read(JsonReader.Parse(bytes)))</c>: the same candidate, or the same PIPE error.
/// </summary>
public static class CandidateReader
{
    public static Candidate Read(ReadOnlySpan<byte> utf8, string file) =>
        TryFast(utf8, file) ?? RunCandidates.From(RunRecordReader.Read(JsonReader.Parse(utf8, file), file));

    /// <summary>The candidate from the one-pass reader, or null when the full reader must decide.</summary>
    internal static Candidate? TryFast(ReadOnlySpan<byte> utf8, string file)
    {
        utf8 = SourceText.WithoutBom(utf8);
        if (!Utf8.IsValid(utf8))
        {
            return null;
        }

        try
        {
            var scan = new RecordScan(utf8);
            var candidate = Record(ref scan, file);
            return scan.AtEnd() ? candidate : null;
        }
        catch (Exception e) when (e is UnusualRecord or JsonException)
        {
            return null;
        }
    }

    private static Candidate Record(ref RecordScan scan, string file)
    {
        scan.Expect(JsonTokenType.StartObject);
        string? id = null;
        string? fingerprint = null;
        DateTimeOffset? start = null;
        bool name = false, status = false;
        List<string?> digests = [];
        List<EvalResult> evals = [];
        SortedDictionary<string, double> lastValues = new(StringComparer.Ordinal);
        while (scan.Next() == JsonTokenType.PropertyName)
        {
            switch (scan.Key)
            {
                case var k when k.SequenceEqual("id"u8):
                    scan.Expect(JsonTokenType.String);
                    id = scan.Text();
                    Require(RunId.IsValid(id));
                    break;
                case var k when k.SequenceEqual("name"u8):
                    scan.Expect(JsonTokenType.String);
                    name = true;
                    break;
                case var k when k.SequenceEqual("status"u8):
                    scan.Expect(JsonTokenType.String);
                    Require(RunStatusNames.TryParse(scan.Text(), out _));
                    status = true;
                    break;
                case var k when k.SequenceEqual("start"u8):
                    scan.Expect(JsonTokenType.String);
                    start = Time(scan.Text());
                    break;
                case var k when k.SequenceEqual("end"u8):
                    if (scan.StringOrNull() is { } end)
                    {
                        Time(end);
                    }

                    break;
                case var k when k.SequenceEqual("experiment"u8) || k.SequenceEqual("method"u8):
                    scan.StringOrNull();
                    break;
                case var k when k.SequenceEqual("params"u8):
                    // Present, it must be an object (null too is refused); absent is an empty object.
                    scan.Expect(JsonTokenType.StartObject);
                    scan.SkipCurrent();
                    break;
                case var k when k.SequenceEqual("tags"u8):
                    Tags(ref scan);
                    break;
                case var k when k.SequenceEqual("metrics"u8):
                    Metrics(ref scan, lastValues);
                    break;
                case var k when k.SequenceEqual("series"u8):
                    Series(ref scan);
                    break;
                case var k when k.SequenceEqual("artifacts"u8):
                    Artifacts(ref scan, digests);
                    break;
                case var k when k.SequenceEqual("fingerprint"u8):
                    fingerprint = scan.StringOrNull();
                    break;
                case var k when k.SequenceEqual("evals"u8):
                    Evals(ref scan, evals, file);
                    break;
                case var k when k.SequenceEqual("origin"u8):
                    Origin(ref scan);
                    break;
                case var k when k.SequenceEqual("writer"u8):
                    Writer(ref scan);
                    break;
                default:
                    // schema, lineage and any field the record reader does not read: well-formed JSON is all it needs.
                    scan.SkipValue();
                    break;
            }
        }

        Require(id is not null && name && status && start is not null);
        var subjects = new[] { fingerprint }.Concat(digests)
            .OfType<string>()
            .Where(s => s.Length > 0)
            .Distinct(StringComparer.Ordinal)
            .ToArray();
        return new Candidate(id!, start!.Value, evals, subjects, lastValues.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal));
    }

    private static void Tags(ref RecordScan scan)
    {
        if (scan.Next() != JsonTokenType.StartObject)
        {
            scan.SkipCurrent(); // not an object: the record reader ignores it
            return;
        }

        while (scan.Next() == JsonTokenType.PropertyName)
        {
            scan.Expect(JsonTokenType.String);
        }
    }

    private static void Metrics(ref RecordScan scan, SortedDictionary<string, double> lastValues)
    {
        if (scan.Next() != JsonTokenType.StartObject)
        {
            scan.SkipCurrent();
            return;
        }

        while (scan.Next() == JsonTokenType.PropertyName)
        {
            var metric = scan.Text();
            scan.Expect(JsonTokenType.StartObject);
            double? last = null;
            bool lastStep = false, count = false;
            while (scan.Next() == JsonTokenType.PropertyName)
            {
                switch (scan.Key)
                {
                    case var k when k.SequenceEqual("last"u8):
                        scan.Next();
                        last = scan.Number();
                        break;
                    case var k when k.SequenceEqual("last_step"u8):
                        scan.Next();
                        scan.Long();
                        lastStep = true;
                        break;
                    case var k when k.SequenceEqual("count"u8):
                        scan.Next();
                        scan.Long();
                        count = true;
                        break;
                    case var k when k.SequenceEqual("nan"u8) || k.SequenceEqual("inf"u8):
                        scan.Next();
                        scan.Long();
                        break;
                    case var k when k.SequenceEqual("min"u8) || k.SequenceEqual("max"u8):
                        if (scan.Next() != JsonTokenType.Null)
                        {
                            scan.Number();
                        }

                        break;
                    default:
                        scan.SkipValue();
                        break;
                }
            }

            Require(last is not null && lastStep && count);
            lastValues[metric] = last!.Value;
        }
    }

    private static void Series(ref RecordScan scan)
    {
        if (scan.Next() != JsonTokenType.StartObject)
        {
            scan.SkipCurrent();
            return;
        }

        bool stored = false, sha256 = false, size = false;
        while (scan.Next() == JsonTokenType.PropertyName)
        {
            switch (scan.Key)
            {
                case var k when k.SequenceEqual("points"u8):
                    // Read only when it is an integer (then it must fit); anything else counts as no points.
                    if (scan.Next() == JsonTokenType.Number && scan.IsInteger)
                    {
                        scan.Long();
                    }

                    scan.SkipCurrent();
                    break;
                case var k when k.SequenceEqual("storage"u8):
                    stored = scan.Next() == JsonTokenType.String;
                    scan.SkipCurrent();
                    break;
                case var k when k.SequenceEqual("sha256"u8):
                    sha256 = scan.Next() == JsonTokenType.String;
                    scan.SkipCurrent();
                    break;
                case var k when k.SequenceEqual("size"u8):
                    if (scan.Next() == JsonTokenType.Number && scan.IsInteger)
                    {
                        scan.Long();
                        size = true;
                    }

                    scan.SkipCurrent();
                    break;
                default:
                    scan.SkipValue();
                    break;
            }
        }

        // Series kept outside git must name their digest and size.
        Require(!stored || (sha256 && size));
    }

    private static void Artifacts(ref RecordScan scan, List<string?> digests)
    {
        if (scan.Next() != JsonTokenType.StartArray)
        {
            scan.SkipCurrent();
            return;
        }

        while (scan.Next() != JsonTokenType.EndArray)
        {
            Require(scan.Token == JsonTokenType.StartObject);
            var uri = false;
            string? sha256 = null;
            while (scan.Next() == JsonTokenType.PropertyName)
            {
                switch (scan.Key)
                {
                    case var k when k.SequenceEqual("uri"u8):
                        scan.Expect(JsonTokenType.String);
                        uri = true;
                        break;
                    case var k when k.SequenceEqual("sha256"u8):
                        sha256 = scan.StringOrNull();
                        break;
                    case var k when k.SequenceEqual("size"u8):
                        // An integer must fit a long; any other value is no size.
                        if (scan.Next() == JsonTokenType.Number && scan.IsInteger)
                        {
                            scan.Long();
                        }

                        scan.SkipCurrent();
                        break;
                    case var k when k.SequenceEqual("manifest"u8):
                        Manifest(ref scan);
                        break;
                    default:
                        scan.SkipValue();
                        break;
                }
            }

            Require(uri);
            digests.Add(sha256);
        }
    }

    private static void Manifest(ref RecordScan scan)
    {
        if (scan.Next() != JsonTokenType.StartArray)
        {
            scan.SkipCurrent();
            return;
        }

        while (scan.Next() != JsonTokenType.EndArray)
        {
            if (scan.Token != JsonTokenType.StartObject)
            {
                scan.SkipCurrent(); // entries that are not objects are passed over
                continue;
            }

            bool path = false, sha256 = false, size = false;
            while (scan.Next() == JsonTokenType.PropertyName)
            {
                switch (scan.Key)
                {
                    case var k when k.SequenceEqual("path"u8):
                        path = scan.Next() == JsonTokenType.String;
                        scan.SkipCurrent();
                        break;
                    case var k when k.SequenceEqual("sha256"u8):
                        sha256 = scan.Next() == JsonTokenType.String;
                        scan.SkipCurrent();
                        break;
                    case var k when k.SequenceEqual("size"u8):
                        if (scan.Next() == JsonTokenType.Number && scan.IsInteger)
                        {
                            scan.Long();
                            size = true;
                        }

                        scan.SkipCurrent();
                        break;
                    default:
                        scan.SkipValue();
                        break;
                }
            }

            Require(path && sha256 && size);
        }
    }

    private static void Evals(ref RecordScan scan, List<EvalResult> evals, string file)
    {
        if (scan.Next() != JsonTokenType.StartArray)
        {
            scan.SkipCurrent();
            return;
        }

        while (scan.Next() != JsonTokenType.EndArray)
        {
            Require(scan.Token == JsonTokenType.StartObject);
            string? suiteName = null, suiteFingerprint = null, evaluated = null;
            Dictionary<string, double>? scores = null;
            while (scan.Next() == JsonTokenType.PropertyName)
            {
                switch (scan.Key)
                {
                    case var k when k.SequenceEqual("suite"u8):
                        scan.Expect(JsonTokenType.StartObject);
                        while (scan.Next() == JsonTokenType.PropertyName)
                        {
                            if (scan.Key.SequenceEqual("name"u8))
                            {
                                suiteName = scan.NonEmpty();
                            }
                            else if (scan.Key.SequenceEqual("fingerprint"u8))
                            {
                                suiteFingerprint = scan.NonEmpty();
                            }
                            else
                            {
                                scan.SkipValue();
                            }
                        }

                        break;
                    case var k when k.SequenceEqual("evaluated"u8):
                        evaluated = scan.NonEmpty();
                        break;
                    case var k when k.SequenceEqual("scores"u8):
                        scan.Expect(JsonTokenType.StartObject);
                        scores = new Dictionary<string, double>(StringComparer.Ordinal);
                        while (scan.Next() == JsonTokenType.PropertyName)
                        {
                            var metric = scan.Text();
                            scan.Next();
                            scores[metric] = scan.Number();
                        }

                        break;
                    case var k when k.SequenceEqual("producer"u8):
                        // A CI producer stamp is read (and checked) by the full reader.
                        scan.Expect(JsonTokenType.Null);
                        break;
                    default:
                        scan.SkipValue();
                        break;
                }
            }

            Require(suiteName is not null && suiteFingerprint is not null && evaluated is not null && scores is not null);
            evals.Add(new EvalResult(new Suite(suiteName!, suiteFingerprint!), evaluated!, scores!, file));
        }
    }

    private static void Origin(ref RecordScan scan)
    {
        if (scan.Next() != JsonTokenType.StartObject)
        {
            scan.SkipCurrent();
            return;
        }

        bool format = false, path = false;
        while (scan.Next() == JsonTokenType.PropertyName)
        {
            switch (scan.Key)
            {
                case var k when k.SequenceEqual("format"u8):
                    scan.Expect(JsonTokenType.String);
                    format = true;
                    break;
                case var k when k.SequenceEqual("path"u8):
                    scan.Expect(JsonTokenType.String);
                    path = true;
                    break;
                case var k when k.SequenceEqual("external_id"u8) || k.SequenceEqual("digest"u8):
                    if (scan.Next() is not (JsonTokenType.Null or JsonTokenType.String))
                    {
                        throw new UnusualRecord();
                    }

                    break;
                default:
                    scan.SkipValue();
                    break;
            }
        }

        Require(format && path);
    }

    private static void Writer(ref RecordScan scan)
    {
        if (scan.Next() != JsonTokenType.StartObject)
        {
            scan.SkipCurrent();
            return;
        }

        // host is read (and must be a string or null) only when pid is an integer, which must then fit an int.
        var host = JsonTokenType.Null;
        var pid = false;
        while (scan.Next() == JsonTokenType.PropertyName)
        {
            if (scan.Key.SequenceEqual("host"u8))
            {
                host = scan.Next();
                scan.SkipCurrent();
            }
            else if (scan.Key.SequenceEqual("pid"u8))
            {
                if (scan.Next() == JsonTokenType.Number && scan.IsInteger)
                {
                    var value = scan.Long();
                    Require(value is >= int.MinValue and <= int.MaxValue);
                    pid = true;
                }

                scan.SkipCurrent();
            }
            else
            {
                scan.SkipValue();
            }
        }

        Require(!pid || host is JsonTokenType.Null or JsonTokenType.String);
    }

    private static DateTimeOffset Time(string text)
    {
        Require(DateTimeOffset.TryParse(text, System.Globalization.CultureInfo.InvariantCulture,
            System.Globalization.DateTimeStyles.AssumeUniversal | System.Globalization.DateTimeStyles.AdjustToUniversal, out var t));
        return t;
    }

    private static void Require(bool condition)
    {
        if (!condition)
        {
            throw new UnusualRecord();
        }
    }
}
