using Pipeline.Core.Evals;

namespace Pipeline.Core.Tests.Gate;

/// <summary>Builders for eval results in tests.</summary>
internal static class Ev
{
    public static readonly Suite Mmlu = new("mmlu", "mmlu@abcd");
    public static readonly Suite EasyMmlu = new("mmlu-easy", "mmlu@easy");

    public static EvalResult On(Suite suite, string evaluated, string metric, double score, string? source = null) =>
        new(suite, evaluated, new Dictionary<string, double> { [metric] = score }, source ?? $"eval-{evaluated}-{suite.Fingerprint}.json");
}
