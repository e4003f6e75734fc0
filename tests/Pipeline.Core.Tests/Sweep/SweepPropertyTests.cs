using FsCheck;
using FsCheck.Fluent;
using Pipeline.Core.Diagnostics;
using Pipeline.Core.Sweep;
using Pipeline.Core.Tests.Gate;

namespace Pipeline.Core.Tests.Sweep;

public sealed class SweepPropertyTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 1, 9, 0, 0, TimeSpan.Zero);

    // Few distinct values so ties (of scores and of start times) are common; null = no evidence.
    private static readonly double?[] Scores = [0.1, 0.2, 0.2, 0.5, 0.9, -1.0, double.NaN, null];

    private static Gen<(Candidate[] Runs, Direction Direction)> Sweeps() =>
        from n in Gen.Choose(1, 12)
        from picks in Gen.ArrayOf(Gen.Zip(Gen.Choose(0, Scores.Length - 1), Gen.Choose(0, 3)), n)
        from ids in Gen.Shuffle(Enumerable.Range(0, n).Select(i => $"run-{(char)('a' + i)}{i % 3}").ToArray())
        from maximize in Gen.Elements(true, false)
        select (picks.Select((p, i) => Make(ids[i], p.Item2, Scores[p.Item1])).ToArray(), maximize ? Direction.Maximize : Direction.Minimize);

    private static Candidate Make(string id, int minute, double? score) => new(
        id, T0.AddMinutes(minute), score is { } s ? [Ev.On(Ev.Mmlu, "fp-" + id, "mmlu", s)] : [], ["fp-" + id]);

    /// <summary>The obvious loop: best finite score, then earliest start, then smallest id.</summary>
    private static string? BruteForce(Candidate[] runs, Direction direction)
    {
        Candidate? best = null;
        double bestScore = 0;
        foreach (var r in runs)
        {
            if (r.Evals.Count == 0)
            {
                continue;
            }

            var s = r.Evals[0].Scores["mmlu"];
            if (double.IsNaN(s))
            {
                continue;
            }

            var better = best is null
                || (direction == Direction.Maximize ? s > bestScore : s < bestScore)
                || (s == bestScore
                    && (r.StartedAt < best.StartedAt || (r.StartedAt == best.StartedAt && string.CompareOrdinal(r.RunId, best.RunId) < 0)));
            if (better)
            {
                best = r;
                bestScore = s;
            }
        }

        return best?.RunId;
    }

    [Fact]
    public void Winner_equals_brute_force_over_a_thousand_random_sweeps_in_both_directions()
    {
        var property = Prop.ForAll(Arb.From(Sweeps()), sweep =>
        {
            var expected = BruteForce(sweep.Runs, sweep.Direction);
            if (expected is null)
            {
                var ex = Assert.Throws<PipelineException>(() => SweepSelector.Select(sweep.Runs, "mmlu", sweep.Direction));
                return ex.Code == PipeCodes.SweepNoScore;
            }

            var result = SweepSelector.Select(sweep.Runs, "mmlu", sweep.Direction);
            var ranked = result.Ranking.Count + result.Unranked.Count == sweep.Runs.Length;
            var ordered = result.Ranking.Zip(result.Ranking.Skip(1)).All(p => !sweep.Direction.Beats(p.Second.Score, p.First.Score));
            return result.Winner.RunId == expected && ranked && ordered && result.Ranking.All(r => double.IsFinite(r.Score));
        });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(1000), property);
    }
}
