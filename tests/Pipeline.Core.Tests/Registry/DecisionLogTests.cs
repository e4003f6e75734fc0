using System.Text;
using FsCheck.Xunit;
using Pipeline.Core.Canonical;
using Pipeline.Core.Diagnostics;
using Pipeline.Core.Registry;

namespace Pipeline.Core.Tests.Registry;

public sealed class DecisionLogTests
{
    private static GateHold Hold(string reason, int second = 0) => new("demo", "production", SemVer.Parse("v0.0.3"), SemVer.Parse("v0.0.2"), 3,
        DateTimeOffset.FromUnixTimeSeconds(1764085000 + second), "CI <ci@example.com>", reason,
        JsonReader.Parse("""{"schema": "gate-decision-v1", "decision": "hold"}""", "d"));

    [Fact]
    public void A_line_round_trips_and_is_one_canonical_ascii_line()
    {
        var hold = Hold("no NaN in loss: NaN at step 40 … \"quoted\"\nsecond line");
        var line = hold.ToLine();
        Assert.DoesNotContain('\n', line);
        Assert.All(line, c => Assert.InRange(c, ' ', '~'));
        Assert.StartsWith("{\"actor\":", line);

        var back = GateHold.Parse(line, "registry/demo/decisions.jsonl", 7, "demo");
        Assert.Equal((hold.Model, hold.Alias, hold.Version, hold.Champion, hold.Time, hold.Actor, hold.Reason, 7),
            (back.Model, back.Alias, back.Version, back.Champion, back.Time, back.Actor, back.Reason, back.Line));
        Assert.Equal(CanonicalJson.Write(hold.Decision), CanonicalJson.Write(back.Decision));
    }

    [Theory]
    [InlineData("not json", "not a JSON object")]
    [InlineData("[1]", "not a JSON object")]
    [InlineData("""{"kind":"gate_pass"}""", "kind 'gate_pass'")]
    [InlineData("""{"kind":"gate_hold","model":"other"}""", "model 'other'")]
    [InlineData("""{"kind":"gate_hold","model":"demo","alias":"Prod"}""", "alias 'Prod'")]
    [InlineData("""{"kind":"gate_hold","model":"demo","alias":"p","version":"1.0"}""", "version '1.0'")]
    [InlineData("""{"kind":"gate_hold","model":"demo","alias":"p","version":"v1.0.0","champion":1}""", "'champion' must be")]
    [InlineData("""{"kind":"gate_hold","model":"demo","alias":"p","version":"v1.0.0","champion":null,"time":"x"}""", "'seen_counter' is missing")]
    [InlineData("""{"kind":"gate_hold","model":"demo","alias":"p","version":"v1.0.0","champion":null,"seen_counter":-1}""", "'seen_counter' must be")]
    [InlineData(
        """{"kind":"gate_hold","model":"demo","alias":"p","version":"v1.0.0","champion":null,"seen_counter":0,"time":"yesterday"}""",
        "time 'yesterday'")]
    [InlineData("""{"kind":"gate_hold","model":"demo","alias":"p","version":"v1.0.0","champion":null,"seen_counter":0,"time":"2026-11-25T16:00:""" +
        """00Z","actor":"a","reason":"r","decision":"hold"}""", "'decision' must be")]
    [InlineData("""{"kind":"gate_hold","model":"demo","alias":"p","version":"v1.0.0","champion":null,"seen_counter":0,"time":"2026-11-25T16:00:""" +
        """00Z","actor":"a","reason":"r","decision":{},"extra":1}""", "unknown key 'extra'")]
    public void A_bad_line_is_PIPE3906_at_its_line(string line, string why)
    {
        var ex = Assert.Throws<PipelineException>(() => GateHold.Parse(line, "registry/demo/decisions.jsonl", 4, "demo"));
        Assert.Equal(PipeCodes.DecisionLogLineInvalid, ex.Code);
        Assert.Equal(4, ex.Line);
        Assert.Contains(why, ex.Message);
    }

    [Fact]
    public void Read_keeps_good_lines_and_names_bad_ones_and_append_supplies_a_missing_newline()
    {
        var content = DecisionLog.Append(Encoding.UTF8.GetBytes(Hold("a").ToLine() + "\n{}"), Hold("b", 1));
        var log = DecisionLog.Read(content, "registry/demo/decisions.jsonl", "demo");
        Assert.Equal(["a", "b"], log.Holds.Select(h => h.Reason));
        Assert.Equal([1, 3], log.Holds.Select(h => h.Line));
        var bad = Assert.Single(log.Problems);
        Assert.Equal(2, bad.Line);
        Assert.Equal("registry/demo/decisions.jsonl", bad.File);
    }

    [Theory]
    [InlineData("registry/demo/decisions.jsonl", "demo")]
    [InlineData("registry/org/team/demo/decisions.jsonl", "org/team/demo")]
    [InlineData("registry/runs/decisions.jsonl", null)]
    [InlineData("registry/decisions.jsonl", null)]
    [InlineData("registry/demo/v1.0.0.json", null)]
    [InlineData("other/demo/decisions.jsonl", null)]
    [InlineData("registry/Demo/decisions.jsonl", null)]
    public void The_log_path_names_its_model(string path, string? model) => Assert.Equal(model, DecisionLog.ModelOf(path));

    /// <summary>Appending lines is never a rewrite; changing, dropping or reordering an earlier line always is, at that line.</summary>
    [Property(MaxTest = 300)]
    public bool Only_appending_keeps_the_log_append_only(string[] before, string[] appended, int pick, byte edit)
    {
        static string Clean(string? s) => (s ?? "").Replace("\n", "", StringComparison.Ordinal);
        var old = before.Select(Clean).ToArray();
        var added = appended.Select(Clean).ToArray();
        byte[] Bytes(IEnumerable<string> lines) => Encoding.UTF8.GetBytes(string.Concat(lines.Select(l => l + "\n")));
        if (DecisionLog.FirstRewrittenLine(Bytes(old), Bytes(old.Concat(added))) is not null)
        {
            return false;
        }

        if (old.Length == 0)
        {
            return true;
        }

        var at = Math.Abs(pick % old.Length);
        var changed = old.ToArray();
        changed[at] += (char)('a' + edit % 26);
        var truncated = old.Take(at);
        return DecisionLog.FirstRewrittenLine(Bytes(old), Bytes(changed.Concat(added))) == at + 1
            && DecisionLog.FirstRewrittenLine(Bytes(old), Bytes(truncated)) == at + 1;
    }
}
