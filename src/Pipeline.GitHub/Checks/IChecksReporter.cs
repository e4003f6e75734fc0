namespace Pipeline.GitHub.Checks;

/// <summary>
/// The seam between a verb and GitHub (NB.GV's cloud adapters): the verb builds a <see cref="CheckReport"/> and
/// calls this; it never sees Octokit. Another CI could implement it without touching the engine.
/// </summary>
public interface IChecksReporter
{
    Task<ReportResult> ReportAsync(CheckReport report, CancellationToken cancellationToken = default);
}
