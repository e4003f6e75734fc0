namespace Pipeline.Cli.Output.Results;

/// <summary>
/// <c>pipeline select RUNS… --metric M --json</c>: the winning run and its score, the ranking (rank 1 first) and the runs
/// left out with the reason.
/// </summary>
internal sealed record SelectOutput(
    string Winner,
    double Score,
    string Metric,
    string Direction,
    SuiteDocument Suite,
    IReadOnlyList<RankedRunDocument> Ranking,
    IReadOnlyList<UnrankedRunDocument> Unranked);

internal sealed record RankedRunDocument(string Run, double Score, int Rank, string StartedAt, string Evaluated, string? Source);

internal sealed record UnrankedRunDocument(string Run, string Reason);
