namespace Pipeline.Core.Tracking;

/// <summary>One logged value of one key. <paramref name="Wall"/> is seconds since the Unix epoch (NaN when unknown).</summary>
public readonly record struct MetricPoint(string Key, long Step, double Wall, double Value);
