using FsCheck;
using FsCheck.Fluent;
using Pipeline.Core.Gate;
using Pipeline.Core.Sweep;

namespace Pipeline.Core.Tests.Gate;

public sealed class GatePropertyTests
{
    private static readonly double?[] Scores = [0.1, 0.5, 0.5, 0.9, 2.0, double.NaN, null];

    private static GateFile Gate(Direction direction, double threshold) => GateFileTests.Parse(
        $$"""{"suite": {"name": "mmlu", "fingerprint": "mmlu@abcd"}, "metric": "mmlu", "direction": "{{direction.Name()}}",""" +
        $$""" "threshold": {{threshold.ToString("R", System.Globalization.CultureInfo.InvariantCulture)}}}""");

    private static Contender Version(string v, double? score) =>
        new(v, ["fp-" + v], score is { } s ? [Ev.On(Ev.Mmlu, "fp-" + v, "mmlu", s)] : []);

    private static Gen<(double? Candidate, double? Champion, bool HasChampion, Direction Direction, double Threshold)> Cases() =>
        from c in Gen.Elements(Scores)
        from k in Gen.Elements(Scores)
        from has in Gen.Elements(true, false)
        from max in Gen.Elements(true, false)
        from t in Gen.Elements(0.0, 0.5, 1.0, 3.0)
        select (c, k, has, max ? Direction.Maximize : Direction.Minimize, t);

    [Fact]
    public void Promote_exactly_when_scored_reaches_the_threshold_and_strictly_beats_a_comparable_champion()
    {
        var property = Prop.ForAll(Arb.From(Cases()), x =>
        {
            var d = GateJudge.Decide(Gate(x.Direction, x.Threshold), "m", "production", Version("v2.0.0", x.Candidate),
                x.HasChampion ? Version("v1.0.0", x.Champion) : null, null);
            var scored = x.Candidate is { } c && double.IsFinite(c);
            var reaches = scored && (x.Direction == Direction.Maximize ? x.Candidate >= x.Threshold : x.Candidate <= x.Threshold);
            var comparableChampion = x.HasChampion && x.Champion is { } k && double.IsFinite(k);
            var beats = !comparableChampion || (x.Direction == Direction.Maximize ? x.Candidate > x.Champion : x.Candidate < x.Champion);
            return d.Promote == (scored && reaches && beats);
        });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(500), property);
    }

    [Fact]
    public void Two_versions_never_each_beat_the_other()
    {
        var property = Prop.ForAll(Arb.From(Cases()), x =>
        {
            var gate = Gate(x.Direction, x.Direction == Direction.Maximize ? double.MinValue : double.MaxValue);
            var a = Version("v1.0.0", x.Candidate);
            var b = Version("v2.0.0", x.Champion);
            return !(GateJudge.Decide(gate, "m", "p", a, b, null).Promote && GateJudge.Decide(gate, "m", "p", b, a, null).Promote);
        });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(500), property);
    }
}
