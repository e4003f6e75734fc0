namespace Pipeline.Core.Tracking;

/// <summary>
/// Where an ingested series goes point by point: the JSONL writer of live runs (<see cref="SeriesWriter"/>) or the
/// compact writer of finished ones (<see cref="CompactSeriesWriter"/>). The number texts are the source's own JSON
/// tokens, which a text writer may copy; a binary writer ignores them.
/// </summary>
public interface ISeriesSink : IDisposable
{
    long Points { get; }

    void Write(string key, long step, double wall, ReadOnlySpan<byte> wallText, double value, ReadOnlySpan<byte> valueText);
}
