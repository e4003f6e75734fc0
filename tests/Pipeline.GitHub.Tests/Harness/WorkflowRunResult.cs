using System.Text;

namespace Pipeline.GitHub.Tests.Harness;

/// <summary>One step of a job: what ran (or why not), its exit code and outputs.</summary>
internal sealed record StepResult(string Label, string? Id, string Outcome, int ExitCode, IReadOnlyDictionary<string, string> Outputs);

/// <summary>
/// One job: <c>success</c>, <c>failure</c> or <c>skipped</c> (GitHub's <c>needs.JOB.result</c>), its steps, outputs,
/// step-summary text and log. A called workflow's jobs appear as <c>CALLER/JOB</c>.
/// </summary>
internal sealed record JobResult(
    string Name,
    string Result,
    IReadOnlyList<StepResult> Steps,
    IReadOnlyDictionary<string, string> Outputs,
    string Summary,
    string Log)
{
    public IReadOnlyList<string> StepsRun => Steps.Where(s => s.Outcome != "skipped").Select(s => s.Label).ToArray();

    public IReadOnlyList<string> StepsSkipped => Steps.Where(s => s.Outcome == "skipped").Select(s => s.Label).ToArray();

    /// <summary>The outputs of the step with this id (a step that did not run has none).</summary>
    public IReadOnlyDictionary<string, string> Step(string id) =>
        Steps.FirstOrDefault(s => s.Id == id)?.Outputs ?? new Dictionary<string, string>();

    /// <summary>The exit code of the failing step, else 0.</summary>
    public int ExitCode => Steps.FirstOrDefault(s => s.Outcome == "failure")?.ExitCode ?? 0;
}

/// <summary>
/// A ref the run pushed. <see cref="ByGitHubToken"/>: pushed with a job's GITHUB_TOKEN, so on GitHub it starts no
/// workflow (the rule against loops); pushed with an app token or PAT it is a push event like any other.
/// </summary>
internal sealed record PushedRef(string Ref, bool ByGitHubToken);

/// <summary>A workflow run: every job in the order it ran, the refs it pushed, and the run's conclusion.</summary>
internal sealed record WorkflowRunResult(string Workflow, IReadOnlyList<JobResult> Jobs, IReadOnlyList<PushedRef> Pushed)
{
    public JobResult this[string job] => Jobs.Single(j => j.Name == job);

    public string Conclusion => Jobs.Any(j => j.Result == "failure") ? "failure" : "success";

    public override string ToString()
    {
        var text = new StringBuilder($"{Workflow}: {Conclusion}\n");
        foreach (var job in Jobs)
        {
            text.Append(
                $"== job {job.Name}: {job.Result}; ran [{string.Join(", ", job.StepsRun)}]; skipped " +
                $"[{string.Join(", ", job.StepsSkipped)}]\n{job.Log}\n");
        }

        return text.ToString();
    }
}
