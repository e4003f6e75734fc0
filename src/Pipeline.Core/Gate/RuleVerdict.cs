namespace Pipeline.Core.Gate;

/// <summary>
/// One line of a gate decision: which rule, the value it measured (null when there was nothing to measure or the value
/// is not finite), whether it passed, and a sentence saying why.
/// </summary>
public sealed record RuleVerdict(string Rule, double? Value, bool Passed, string Detail)
{
    public string Verdict => Passed ? "pass" : "fail";
}
