namespace Pipeline.Core.Tracking;

/// <summary>
/// The life of a run. <see cref="Unfinished"/> is never written by a writer: readers report it for a record still
/// saying <see cref="Running"/> whose writer is gone (killed, crashed, machine lost), so a dead run is never
/// mistaken for a live one.
/// </summary>
public enum RunStatus
{
    Running,
    Finished,
    Failed,
    Killed,
    Unfinished,
}

public static class RunStatusNames
{
    public static string Name(this RunStatus status) => status switch
    {
        RunStatus.Running => "running",
        RunStatus.Finished => "finished",
        RunStatus.Failed => "failed",
        RunStatus.Killed => "killed",
        _ => "unfinished",
    };

    public static bool TryParse(string text, out RunStatus status)
    {
        status = text switch
        {
            "running" => RunStatus.Running,
            "finished" => RunStatus.Finished,
            "failed" => RunStatus.Failed,
            "killed" => RunStatus.Killed,
            "unfinished" => RunStatus.Unfinished,
            _ => (RunStatus)(-1),
        };
        return (int)status >= 0;
    }
}
