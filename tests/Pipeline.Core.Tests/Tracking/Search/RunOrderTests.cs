using Pipeline.Core.Canonical;
using Pipeline.Core.Diagnostics;
using Pipeline.Core.Tracking.Search;
using static Pipeline.Core.Tests.Tracking.Search.SearchRuns;

namespace Pipeline.Core.Tests.Tracking.Search;

public sealed class RunOrderTests
{
    [Fact]
    public void DescendingPutsTheBestFirstAndMissingValuesLastEitherWay()
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
    public void LaterKeysBreakTiesAndEqualRunsKeepLedgerOrder()
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
    public void ABadDirectionIsAFilterError()
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
    public void TableNumbersKeepFourSignificantDigits(double value, string expected) => Assert.Equal(expected, ShortNumber.Format(value));
}
