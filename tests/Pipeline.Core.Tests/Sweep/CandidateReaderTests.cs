using System.Globalization;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using Pipeline.Core.Canonical;
using Pipeline.Core.Diagnostics;
using Pipeline.Core.Sweep;
using Pipeline.Core.Tracking;

namespace Pipeline.Core.Tests.Sweep;

/// <summary>
/// The one-pass reader of select must be the full reader in all but speed: the same candidate from every record the
/// full reader accepts, the same PIPE error (code, message, file, line) from every record it refuses, including a
/// malformed field select never reads.
/// </summary>
public sealed class CandidateReaderTests
{
    private const string File = "runs/r.json";

    /// <summary>A field's value as JSON text (null: the field is absent), and whether the one-pass reader reads it itself.</summary>
    private sealed record Option(string? Json, bool Fast = false);

    private static Option Fast(string? json) => new(json, true);

    private static Option Other(string? json) => new(json);

    private static readonly string LongInteger = new('7', JsonReader.MaxIntegerDigits + 1);

    private static readonly (string Key, Option[] Options)[] Fields =
    [
        ("schema", [Fast("\"pipeline.run/v1\""), Fast(null), Fast("3")]),
        ("id",
            [Fast("\"run-000001\""),
                Fast("\"20241125-130640000-9dce06d8\""),
                Other("\"\""),
                Other("\"a/b\""),
                Other("\"-x\""),
                Other("5"),
                Other(null),
                Other("\"\\u0072un-1\"")]),
        ("name", [Fast("\"n\""), Fast("\"\""), Other("3"), Other("null"), Other(null), Other("\"\\ud800\"")]),
        ("status", [Fast("\"finished\""), Fast("\"running\""), Other("\"bogus\""), Other("1"), Other(null)]),
        ("start",
            [Fast("\"2026-11-01T00:00:01.000Z\""),
                Fast("\"2026-11-01T02:00:01+02:00\""),
                Fast("\"2026-11-01\""),
                Other("\"not a time\""),
                Other("null"),
                Other("5")]),
        ("end", [Fast(null), Fast("null"), Fast("\"2026-11-01T01:00:00Z\""), Other("\"x\""), Other("3")]),
        ("experiment", [Fast(null), Fast("null"), Fast("\"e\""), Other("1"), Other("[]")]),
        ("method", [Fast(null), Fast("\"grpo\""), Other("{}")]),
        ("params", [Fast("{}"), Fast(null), Fast("{\"lr\": 2e-05, \"seed\": 1, \"nested\": {\"a\": [1, 2.5, -0, true, null, \"s\"]}}"),
            Other("{\"a\": 1, \"a\": 2}"), Other("{\"a\": {\"b\": 1, \"b\": 1}}"), Other("{\"a\": 1, \"\\u0061\": 2}"), Other("null"), Other("[]"),
            Other("{\"x\": 1e400}"),
            Other("{\"x\": -1E+999}"),
            Other($"{{\"x\": {LongInteger}}}"),
            Other("{\"s\": \"\\ud800\"}"),
            Other("{\"big\": 123456789012345678901234567890}")]),
        ("tags",
            [Fast("{}"),
                Fast("{\"k\": \"v\", \"q\": \"\"}"),
                Fast("[]"),
                Fast("null"),
                Fast("\"x\""),
                Other("{\"k\": 1}"),
                Other("{\"k\": \"a\", \"k\": \"b\"}")]),
        ("metrics", [Fast("{}"), Fast(null), Fast("[]"),
            Fast("{\"mmlu\": {\"last\": 0.99, \"last_step\": 1, \"min\": 0.5, \"max\": null, \"count\": 1, \"nan\": 0, \"inf\": 2, \"extra\": [1]}}"),
            Fast("{\"loss\": {\"last\": \"NaN\", \"last_step\": 3, \"count\": 4}, \"acc\": {\"last\": -7, \"last_step\": 0, \"count\": 0}}"),
            Fast("{\"loss\": {\"last\": \"-inf\", \"last_step\": 3, \"count\": 4}}"),
            Other("{\"m\": {\"last\": 0.9, \"last_step\": 1}}"), Other("{\"m\": {\"last\": null, \"last_step\": 1, \"count\": 1}}"),
            Other("{\"m\": {\"last\": 1, \"last_step\": 1.5, \"count\": 1}}"),
            Other("{\"m\": {\"last\": 1, \"last_step\": 1, \"count\": 1, \"nan\": \"x\"}}"),
            Other("{\"m\": {\"last\": 12345678901234567, \"last_step\": 1, \"count\": 1}}"),
            Other("{\"m\": {\"last\": \"x\", \"last_step\": 1, \"count\": 1}}"),
            Other("{\"m\": 5}"), Other("{\"m\": {\"last\": 1, \"last_step\": 99999999999999999999, \"count\": 1}}")]),
        ("series", [Fast(null), Fast("{\"path\": \"r.series.jsonl\", \"points\": 3}"), Fast("{\"points\": 1.5}"), Fast("3"),
            Fast("{\"path\": \"r.series.bin\", \"storage\": \"lfs\", \"sha256\": \"ab\", \"size\": 3}"), Fast("{\"storage\": 3}"),
            Other("{\"points\": 99999999999999999999}"),
            Other("{\"storage\": \"lfs\", \"sha256\": \"ab\"}"),
            Other("{\"storage\": \"dvc\", \"sha256\": 1, \"size\": 3}"),
            Other("{\"storage\": \"lfs\", \"sha256\": \"ab\", \"size\": 1.0}")]),
        ("artifacts", [Fast("[]"), Fast(null), Fast("\"x\""), Fast("[{\"uri\": \"a.bin\", \"kind\": \"file\", \"sha256\": \"ab\", \"size\": 1}]"),
            Fast("[{\"uri\": \"a\", \"sha256\": null, \"size\": 1.5}, {\"uri\": \"b\", \"sha256\": \"fp-1\"}, {\"uri\": \"c\", \"sha256\": \"\"}]"),
            Fast("[{\"uri\": \"a\", \"manifest\": [{\"path\": \"p\", \"sha256\": \"s\", \"size\": 1}, 3, \"x\"]}]"),
            Other("[{\"sha256\": \"ab\"}]"),
            Other("[1]"),
            Other("[{\"uri\": \"a\", \"sha256\": 3}]"),
            Other("[{\"uri\": \"a\", \"size\": 99999999999999999999}]"),
            Other("[{\"uri\": \"a\", \"manifest\": [{\"path\": \"p\", \"sha256\": \"s\"}]}]"),
            Other("[{\"uri\": \"a\", \"sha256\": \"\\u0061b\"}]")]),
        ("fingerprint", [Fast(null), Fast("null"), Fast("\"fp-1\""), Fast("\"\""), Other("3")]),
        ("evals", [Fast("[]"), Fast(null), Fast("{}"),
            Fast("[{\"suite\": {\"name\": \"mmlu\", \"fingerprint\": \"mmlu@abcd\"}, \"evaluated\": \"fp-1\", \"scores\": {\"mmlu\": 0.324, " +
                "\"acc\": 3}}]"),
            Fast("[{\"suite\": {\"name\": \"mmlu\", \"fingerprint\": \"mmlu@abcd\", \"size\": 5}, \"evaluated\": \"sha256:ab\", \"scores\": " +
                "{\"mmlu\": \"NaN\"}, \"producer\": null}," +
                " {\"suite\": {\"name\": \"gsm\", \"fingerprint\": \"gsm@1\"}, \"evaluated\": \"fp-2\", \"scores\": {}}]"),
            Other("[{\"suite\": {\"name\": \"m\", \"fingerprint\": \"f\"}, \"evaluated\": \"fp-1\", \"scores\": {\"m\": \"x\"}}]"),
            Other("[{\"evaluated\": \"fp-1\", \"scores\": {\"m\": 1}}]"),
            Other("[{\"suite\": {\"name\": \"\", \"fingerprint\": \"f\"}, \"evaluated\": \"e\", \"scores\": {}}]"),
            Other("[{\"suite\": {\"name\": \"m\", \"fingerprint\": \"f\"}, \"evaluated\": \"e\", \"scores\": []}]"), Other("[3]"),
            Other("[{\"suite\": {\"name\": \"m\", \"fingerprint\": \"f\"}, \"evaluated\": \"e\", \"scores\": {}, " +
                "\"producer\": {\"workflow\": 1}}]")]),
        ("origin", [Fast(null), Fast("5"), Fast("{\"format\": \"jsonl\", \"path\": \"p\", \"external_id\": null, \"digest\": \"d\"}"),
            Other("{\"format\": \"jsonl\"}"), Other("{\"format\": \"jsonl\", \"path\": \"p\", \"digest\": 3}")]),
        ("writer", [Fast(null), Fast("{\"host\": \"h\", \"pid\": 12}"), Fast("{\"host\": 3}"), Fast("{\"pid\": 1.5, \"host\": []}"),
            Other("{\"pid\": 99999999999}"), Other("{\"host\": 3, \"pid\": 1}")]),
        ("lineage", [Fast(null), Fast("{\"code_commit\": \"abc\", \"seed\": 0}"), Fast("[[[]]]"), Other("{\"x\": 1e999}")]),
        ("zz_unknown", [Fast(null), Fast("[1, {\"a\": true}, \"\\n\\u00e9\"]"), Other("{\"a\": 1, \"a\": 1}")]),
    ];

    private static Gen<string> Records(bool onlyFast) =>
        from picks in Gen.ArrayOf(Gen.Choose(0, 10_000), Fields.Length)
        from order in Gen.Shuffle(Enumerable.Range(0, Fields.Length).ToArray())
        from pretty in Gen.Elements(true, false)
        select Text(order.Select(i =>
        {
            var options = Fields[i].Options.Where(o => o.Fast || !onlyFast).ToArray();
            return (Fields[i].Key, options[picks[i] % options.Length].Json);
        }), pretty);

    private static string Text(IEnumerable<(string Key, string? Json)> members, bool pretty)
    {
        var present = members.Where(m => m.Json is not null).Select(m => $"\"{m.Key}\": {m.Json}");
        return pretty ? "{\n  " + string.Join(",\n  ", present) + "\n}\n" : "{" + string.Join(", ", present) + "}";
    }

    /// <summary>Edits that break records the way files break: a byte lost, added or changed, data after the end, a BOM, bad UTF-8.</summary>
    private static Gen<byte[]> Mutated(Gen<string> records) =>
        from text in records
        from kind in Gen.Choose(0, 6)
        from at in Gen.Choose(0, 100_000)
        from glyph in Gen.Elements("{", "}", "[", "]", ",", ":", "\"", "1", "e", "-", ".", "\\", "\u0001", " ", "\n", "x", "0", "n")
        select Mutate(Encoding.UTF8.GetBytes(text), kind, at, Encoding.UTF8.GetBytes(glyph));

    private static byte[] Mutate(byte[] bytes, int kind, int at, byte[] glyph)
    {
        var pos = at % (bytes.Length + 1);
        return kind switch
        {
            1 when pos < bytes.Length => [.. bytes[..pos], .. bytes[(pos + 1)..]],
            2 => [.. bytes[..pos], .. glyph, .. bytes[pos..]],
            3 when pos < bytes.Length => [.. bytes[..pos], .. glyph, .. bytes[(pos + 1)..]],
            4 => [.. bytes, .. glyph],
            5 => [0xEF, 0xBB, 0xBF, .. bytes],
            6 => [.. bytes[..pos], 0xC3, .. bytes[pos..]],
            _ => bytes,
        };
    }

    /// <summary>What a reading gives, as text: the candidate field by field (doubles bit for bit), or the error.</summary>
    private static string Outcome(Func<Candidate> read)
    {
        try
        {
            var c = read();
            var evals = c.Evals.Select(e => $"{e.Suite.Name}|{e.Suite.Fingerprint}|{e.Evaluated}|{e.Source}|{e.Producer}|"
                + string.Join(",", e.Scores.Select(s => $"{s.Key}={Bits(s.Value)}")));
            var self = c.SelfReported is null
                ? "none"
                : string.Join(",", c.SelfReported.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={Bits(p.Value)}"));
            return $"ok {c.RunId} {c.StartedAt:O} [{string.Join(",", c.Subjects)}] [{string.Join(";", evals)}] [{self}]";
        }
        catch (PipelineException e)
        {
            return $"error {e.Code} {e.File}:{e.Line} {e.Message}";
        }
    }

    private static string Bits(double d) => BitConverter.DoubleToInt64Bits(d).ToString(CultureInfo.InvariantCulture);

    private static string Full(byte[] bytes) => Outcome(() => RunCandidates.From(RunRecordReader.Read(JsonReader.Parse(bytes, File), File)));

    [Fact]
    public void Random_and_broken_records_read_as_the_full_reader_reads_them()
    {
        var records = Gen.Frequency((1, Records(onlyFast: true)), (2, Records(onlyFast: false)));
        var property = Prop.ForAll(Arb.From(Mutated(records)), bytes =>
        {
            var full = Full(bytes);
            var fast = Outcome(() => CandidateReader.Read(bytes, File));
            Assert.Equal(full, fast);
        });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(3000), property);
    }

    [Fact]
    public void Well_formed_records_are_read_in_one_pass_to_the_full_readers_candidate()
    {
        var property = Prop.ForAll(Arb.From(Records(onlyFast: true)), text =>
        {
            var bytes = Encoding.UTF8.GetBytes(text);
            var full = Full(bytes);
            var fast = CandidateReader.TryFast(bytes, File);
            Assert.NotNull(fast);
            Assert.Equal(full, Outcome(() => fast));
        });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(1000), property);
    }

    // Each of these is a field select never uses, malformed: the record must still be refused as the full reader refuses it.
    [Theory]
    [InlineData("tags", "{\"k\": 1}", "tags.k")]
    [InlineData("params", "null", "params")]
    [InlineData("writer", "{\"host\": \"h\", \"pid\": 99999999999}", "writer.pid")]
    [InlineData("series", "{\"points\": 99999999999999999999}", "series.points")]
    [InlineData("origin", "{\"format\": \"jsonl\"}", "origin.path")]
    [InlineData("artifacts", "[{\"uri\": \"a\", \"manifest\": [{\"path\": \"p\", \"sha256\": \"s\"}]}]", "manifest.size")]
    [InlineData("end", "\"yesterday\"", "end")]
    [InlineData("params", "{\"lr\": 1, \"lr\": 2}", "duplicate key \"lr\"")]
    [InlineData("lineage", "{\"seed\": 1e400}", "out of range")]
    [InlineData("name", "7", "name")]
    public void A_malformed_field_select_does_not_use_is_refused_as_the_full_reader_refuses_it(string key, string json, string named)
    {
        var bytes = Encoding.UTF8.GetBytes(Text(Bench.Where(m => m.Key != key).Append((key, json)), pretty: true));
        var fast = Outcome(() => CandidateReader.Read(bytes, File));
        Assert.StartsWith("error", fast, StringComparison.Ordinal);
        Assert.Contains(named, fast, StringComparison.Ordinal);
        Assert.Equal(Full(bytes), fast);
        Assert.Null(CandidateReader.TryFast(bytes, File));
    }

    [Fact]
    public void The_bench_record_is_read_in_one_pass()
    {
        var bytes = Encoding.UTF8.GetBytes(Text(Bench, pretty: true));
        var fast = CandidateReader.TryFast(bytes, File);
        Assert.NotNull(fast);
        Assert.Equal("run-000001", fast.RunId);
        Assert.Equal(["fp-000001"], fast.Subjects);
        Assert.Equal(0.324, fast.Evals.Single().Scores["mmlu"]);
        Assert.Equal(Full(bytes), Outcome(() => fast));
    }

    /// <summary>A record as bench/select writes them.</summary>
    private static readonly (string Key, string? Json)[] Bench =
    [
        ("schema", "\"pipeline.run/v1\""), ("id", "\"run-000001\""), ("name", "\"run-000001\""), ("status", "\"finished\""),
        ("start", "\"2026-11-01T00:00:01.000Z\""), ("end", "null"), ("params", "{\"lr\": 2e-05, \"seed\": 1}"), ("tags", "{}"),
        ("metrics", "{\"mmlu\": {\"last\": 0.99, \"last_step\": 1, \"min\": 0.99, \"max\": 0.99, \"count\": 1}}"), ("artifacts", "[]"),
        ("fingerprint", "\"fp-000001\""),
        ("evals", "[{\"suite\": {\"name\": \"mmlu\", \"fingerprint\": \"mmlu@abcd\"}, \"evaluated\": \"fp-000001\", \"scores\": {\"mmlu\": 0.324}}]"),
    ];
}
