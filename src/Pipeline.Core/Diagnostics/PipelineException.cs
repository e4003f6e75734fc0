namespace Pipeline.Core.Diagnostics;

/// <summary>
/// The one exception type the engine throws for anything a user can fix. It always carries a catalogue code, and
/// where it knows them the file and line, so every face (CLI, MSBuild, Action) can point at the offending input.
/// </summary>
public sealed class PipelineException(PipeCode code, string message, string? file = null, int? line = null, string? hint = null)
    : Exception(message)
{
    public PipeCode Code { get; } = code;

    public string? File { get; } = file;

    public int? Line { get; } = line;

    /// <summary>What to do about it; falls back to the catalogue's generic fix.</summary>
    public string Hint { get; } = hint ?? code.Fix;

    public Diagnostic ToDiagnostic() => new(Severity.Error, Code, Message, File, Line, Hint);
}
