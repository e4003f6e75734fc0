using Microsoft.Build.Framework;
using Pipeline.Cli.Output.Results;
using Pipeline.Tasks.Cli;

namespace Pipeline.Tasks;

/// <summary>The gate's rules as items, shared by <see cref="PipelineGate"/> and <see cref="PipelinePromote"/>.</summary>
internal static class GateRules
{
    /// <summary>One item per rule (item spec = rule name) with Value, Verdict (<c>pass</c>/<c>fail</c>) and Detail metadata.</summary>
    public static ITaskItem[] Items(GateDecisionDocument? decision) =>
        TaskItems.Of(decision?.Rules, r => r.Rule, r =>
            [("Rule", r.Rule), ("Value", r.Value?.Text), ("Verdict", r.Verdict), ("Detail", r.Detail)]);

    public static bool Failed(ITaskItem rule) => rule.GetMetadata("Verdict") == "fail";
}
