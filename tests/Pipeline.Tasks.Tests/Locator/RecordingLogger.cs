using Microsoft.Build.Framework;

namespace Pipeline.Tasks.Tests.Locator;

/// <summary>An MSBuild logger that keeps errors, warnings and messages of an in-process build.</summary>
internal sealed class RecordingLogger : ILogger
{
    public List<BuildErrorEventArgs> Errors { get; } = [];

    public List<BuildWarningEventArgs> Warnings { get; } = [];

    public List<BuildMessageEventArgs> Messages { get; } = [];

    public LoggerVerbosity Verbosity { get; set; } = LoggerVerbosity.Diagnostic;

    public string? Parameters { get; set; }

    public void Initialize(IEventSource eventSource)
    {
        eventSource.ErrorRaised += (_, e) => { lock (Errors) { Errors.Add(e); } };
        eventSource.WarningRaised += (_, e) => { lock (Warnings) { Warnings.Add(e); } };
        eventSource.MessageRaised += (_, e) => { lock (Messages) { Messages.Add(e); } };
    }

    public void Shutdown()
    {
    }

    public string Describe() =>
        string.Join("\n", Errors.Select(e => $"error {e.Code}: {e.Message}").Concat(Warnings.Select(w => $"warning {w.Code}: {w.Message}")));
}
