namespace Pipeline.Core.Tracking.Ingest;

/// <summary>One input layout (JSONL, DVCLive, MLflow). A source reads once, streaming points into the draft.</summary>
internal interface IRunSource
{
    string Format { get; }

    /// <summary>Total bytes to read, for progress; 0 when unknown.</summary>
    long Length { get; }

    void ReadInto(RunDraft draft, Action<long>? progress);
}
