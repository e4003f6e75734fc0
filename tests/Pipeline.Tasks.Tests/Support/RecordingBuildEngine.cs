using System.Collections;
using Microsoft.Build.Framework;

namespace Pipeline.Tasks.Tests.Support;

/// <summary>A build engine double that keeps every event a task logs, for assertions.</summary>
internal sealed class RecordingBuildEngine : IBuildEngine
{
    public List<BuildErrorEventArgs> Errors { get; } = [];

    public List<BuildWarningEventArgs> Warnings { get; } = [];

    public List<BuildMessageEventArgs> Messages { get; } = [];

    public bool ContinueOnError => false;

    public int LineNumberOfTaskNode => 0;

    public int ColumnNumberOfTaskNode => 0;

    public string ProjectFileOfTaskNode => "test.proj";

    public void LogErrorEvent(BuildErrorEventArgs e) => Errors.Add(e);

    public void LogWarningEvent(BuildWarningEventArgs e) => Warnings.Add(e);

    public void LogMessageEvent(BuildMessageEventArgs e) => Messages.Add(e);

    public void LogCustomEvent(CustomBuildEventArgs e)
    {
    }

    public bool BuildProjectFile(string projectFileName, string[] targetNames, IDictionary globalProperties, IDictionary targetOutputs) =>
        throw new NotSupportedException();

    public string Describe() =>
        string.Join("\n", Errors.Select(e => $"error {e.Code} {e.File}({e.LineNumber}): {e.Message}")
            .Concat(Warnings.Select(w => $"warning {w.Code} {w.File}({w.LineNumber}): {w.Message}"))
            .Concat(Messages.Select(m => $"message: {m.Message}")));
}
