namespace Pipeline.Tasks.Tests.Support;

internal static class TaskRun
{
    /// <summary>Wires a task to a fresh recording engine and runs it.</summary>
    public static (bool Ok, RecordingBuildEngine Engine) Execute(Microsoft.Build.Utilities.Task task)
    {
        var engine = new RecordingBuildEngine();
        task.BuildEngine = engine;
        return (task.Execute(), engine);
    }
}
