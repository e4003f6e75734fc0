using Pipeline.Core.Canonical;
using Pipeline.Core.Diagnostics;
using Pipeline.Core.Tracking.Search;
using static Pipeline.Core.Tests.Tracking.Search.SearchRuns;

namespace Pipeline.Core.Tests.Tracking.Search;

public sealed class RunOrderTests
{
    [Fact]
    public void Descending_puts_the_best_first_and_missing_values_last_either_way()
    {
        var runs = new[]
        {
            Run("a", evals: [("mmlu", "acc", 0.5)]),
            Run("b"),
            Run("c", evals: [("mmlu", "acc", 0.7)]),
            Run("d", evals: [("mmlu", "acc", 0.6)]),
        };
        Assert.Equal("c,d,a,b", string.Join(",", RunOrder.Parse("evals.mmlu.acc:desc").Apply(runs).Select(r => r.Id)));
        Assert.Equal("a,d,c,b", string.Join(",", RunOrder.Parse("evals.mmlu.acc:asc").Apply(runs).Select(r => r.Id)));
    }

    [Fact]
    public void Later_keys_break_ties_and_equal_runs_keep_ledger_order()
    {
        var runs = new[]
        {
            Run("a", [("lr", Value.From(2)), ("bs", Value.From(8))]),
            Run("b", [("lr", Value.From(1)), ("bs", Value.From(8))]),
            Run("c", [("lr", Value.From(1)), ("bs", Value.From(4))]),
            Run("d", [("lr", Value.From(1)), ("bs", Value.From(4))]),
        };
        Assert.Equal("c,d,b,a", string.Join(",", RunOrder.Parse("params.lr, params.bs").Apply(runs).Select(r => r.Id)));
    }

    [Fact]
    public void A_bad_direction_is_a_filter_error()
    {
        var e = Assert.Throws<PipelineException>(() => RunOrder.Parse("metrics.loss:up"));
        Assert.Equal(PipeCodes.RunFilterInvalid, e.Code);
        Assert.Contains("asc or desc", e.Message);
    }

    [Theory]
    [InlineData(2.878787878787879, "2.879")]
    [InlineData(1.23456e-5, "1.235e-05")]
    [InlineData(123456.7, "1.235e+05")]
    [InlineData(42.0, "42")]
    [InlineData(-0.5, "-0.5")]
    [InlineData(double.NaN, "nan")]
    [InlineData(double.NegativeInfinity, "-inf")]
    public void Table_numbers_keep_four_significant_digits(double value, string expected) => Assert.Equal(expected, ShortNumber.Format(value));
}
