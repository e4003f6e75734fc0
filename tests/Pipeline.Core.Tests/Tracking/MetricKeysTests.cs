using Pipeline.Core.Diagnostics;
using Pipeline.Core.Tracking;

namespace Pipeline.Core.Tests.Tracking;

public sealed class MetricKeysTests
{
    [Theory]
    [InlineData("loss")]
    [InlineData("train/loss")]
    [InlineData("eval/mmlu.acc")]
    [InlineData("rewards margin-v2")]
    [InlineData("kl_coef")]
    [InlineData("a/b/c/d")]
    public void Accepts_mlflow_keys(string key) => Assert.Null(MetricKeys.Problem(key));

    [Theory]
    [InlineData("", "empty")]
    [InlineData("../escape", "'..'")]
    [InlineData("a/../b", "'..'")]
    [InlineData("a/./b", "'.'")]
    [InlineData("/abs", "starts with '/'")]
    [InlineData("a//b", "empty path segment")]
    [InlineData("trailing/", "empty path segment")]
    [InlineData("semi;colon", "';'")]
    [InlineData("tab\there", "U+0009")]
    [InlineData("quote\"", "'\"'")]
    public void Refuses_with_reason(string key, string reason)
    {
        var problem = MetricKeys.Problem(key);
        Assert.NotNull(problem);
        Assert.Contains(reason, problem);
    }

    [Fact]
    public void Length_limit_is250()
    {
        Assert.Null(MetricKeys.Problem(new string('a', 250)));
        Assert.Contains("251 characters", MetricKeys.Problem(new string('a', 251)));
    }

    [Fact]
    public void Error_names_every_refused_key()
    {
        var ex = Assert.Throws<PipelineException>(() => MetricKeys.Require(["ok", "bad key!", "../up", "fine/too"], "param"));
        Assert.Equal(PipeCodes.MetricKeyInvalid, ex.Code);
        Assert.Contains("'bad key!'", ex.Message);
        Assert.Contains("'../up'", ex.Message);
        Assert.DoesNotContain("'ok'", ex.Message);
        Assert.DoesNotContain("fine/too", ex.Message);
    }
}
