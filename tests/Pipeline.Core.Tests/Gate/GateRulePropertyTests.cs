using FsCheck;
using FsCheck.Fluent;
using Pipeline.Core.Evals;
using Pipeline.Core.Gate;

namespace Pipeline.Core.Tests.Gate;

/// <summary>Invariants of a gate with several rules.</summary>
public sealed class GateRulePropertyTests
{
    private static readonly string[] Metrics = ["a", "b", "c"];
    private static readonly double?[] Scores = [0.1, 0.5, 0.52, 0.9, double.NaN, null];

    private static string Rule(int kind, string metric, double x) => kind switch
    {
        0 => $$"""{"suite": {"name": "s", "fingerprint": "s@1"}, "metric": "{{metric}}", "direction": "maximize", "tolerance": {{F(x / 10)}}}""",
        1 => $$"""{"suite": {"name": "s", "fingerprint": "s@1"}, "metric": "{{metric}}", "min": {{F(x)}}}""",
        _ => $$"""{"suite": {"name": "s", "fingerprint": "s@1"}, "metric": "{{metric}}", "max": {{F(x)}}}""",
    };

    private static string F(double d) => d.ToString("R", System.Globalization.CultureInfo.InvariantCulture);

    private static GateFile Gate(IEnumerable<(int Kind, string Metric, double X)> rules, double margin)
    {
        var list = rules.ToArray();
        var regressions = string.Join(", ", list.Where(r => r.Kind == 0).Select(r => Rule(r.Kind, r.Metric, r.X)));
        var bounds = string.Join(", ", list.Where(r => r.Kind != 0).Select(r => Rule(r.Kind, r.Metric, r.X)));
        return GateFileTests.Parse($$"""
            {"suite": {"name": "mmlu", "fingerprint": "mmlu@abcd"}, "metric": "mmlu", "direction": "maximize", "threshold": 0.3,
             "min_improvement": {{F(margin)}}, "no_regression": [{{regressions}}], "bounds": [{{bounds}}]}
            """);
    }

    private static Contender Version(string v, double? primary, double?[] others)
    {
        var fp = "fp-" + v;
        var evals = new List<EvalResult>();
        if (primary is { } p)
        {
            evals.Add(Ev.On(Ev.Mmlu, fp, "mmlu", p));
        }

        for (var i = 0; i < Metrics.Length; i++)
        {
            if (others[i] is { } s)
            {
                evals.Add(Ev.On(new Suite("s", "s@1"), fp, Metrics[i], s, $"{v}-{Metrics[i]}.json"));
            }
        }

        return new Contender(v, [fp], evals);
    }

    private static Gen<(int, string, double)[]> Rules() =>
        Gen.ListOf(from kind in Gen.Choose(0, 2) from m in Gen.Elements(Metrics) from x in Gen.Elements(0.0, 0.3, 0.5, 0.52, 1.0) select (kind, m, x))
            .Select(l => l.Take(6).ToArray());

    private static Gen<double?[]> Others() => Gen.ArrayOf(Gen.Elements(Scores), 3);

    private static Gen<(double? C, double?[] CO, double? K, double?[] KO, bool HasChampion, double Margin)> Contest() =>
        from c in Gen.Elements(Scores)
        from co in Others()
        from k in Gen.Elements(Scores)
        from ko in Others()
        from has in Gen.Elements(true, false)
        from m in Gen.Elements(0.0, 0.02, 0.5)
        select (c, co, k, ko, has, m);

    [Fact]
    public void A_candidate_failing_any_rule_never_moves_the_alias()
    {
        var property = Prop.ForAll(Arb.From(Rules()), Arb.From(Contest()), (rules, x) =>
        {
            var d = GateJudge.Decide(Gate(rules, x.Margin), "m", "production", Version("v2.0.0", x.C, x.CO),
                x.HasChampion ? Version("v1.0.0", x.K, x.KO) : null, null);
            return !d.Rules.Any(r => !r.Passed) || !d.Promote;
        });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(400), property);
    }

    [Fact]
    public void The_decision_does_not_depend_on_rule_order()
    {
        var property = Prop.ForAll(Arb.From(Rules()), Arb.From(Contest()), Arb.From(Gen.Choose(0, 1000)), (rules, x, seed) =>
        {
            var shuffled = rules.OrderBy(_ => new Random(seed).Next()).Reverse().ToArray();
            Contender Cand() => Version("v2.0.0", x.C, x.CO);
            Contender? Champ() => x.HasChampion ? Version("v1.0.0", x.K, x.KO) : null;
            var a = GateJudge.Decide(Gate(rules, x.Margin), "m", "production", Cand(), Champ(), null);
            var b = GateJudge.Decide(Gate(shuffled, x.Margin), "m", "production", Cand(), Champ(), null);
            static string Key(RuleVerdict r) => $"{r.Rule}|{r.Value}|{r.Verdict}|{r.Detail}";
            return a.Promote == b.Promote
                && a.Rules.Select(Key).Order(StringComparer.Ordinal).SequenceEqual(b.Rules.Select(Key).Order(StringComparer.Ordinal))
                && a.Reasons.Order(StringComparer.Ordinal).SequenceEqual(b.Reasons.Order(StringComparer.Ordinal));
        });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(300), property);
    }
}
