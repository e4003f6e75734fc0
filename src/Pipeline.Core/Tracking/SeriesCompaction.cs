namespace Pipeline.Core.Tracking;

/// <summary>
/// Turns a finished run's JSONL series (what live writers append, what older ledgers hold) into the compact file
/// before it is committed: the compact file is written under a temporary name and renamed, the record is rewritten to
/// name it, and only then is the JSONL removed, so a crash at any point leaves a readable run.
/// </summary>
public static class SeriesCompaction
{
    /// <summary>
    /// The record naming the compact series; unchanged when it already does, when there is no JSONL series, or when the
    /// record still says <c>running</c> (a dead writer's run is committed as it was left, torn line and all).
    /// </summary>
    public static RunRecord Compact(RunLedger ledger, RunRecord run)
    {
        var live = ledger.LiveSeriesPath(run.Id);
        if (run.CompactSeries || run.Status == RunStatus.Running || !File.Exists(live))
        {
            return run;
        }

        var temp = Path.Combine(ledger.Folder, $".compact-{Environment.ProcessId}-{Guid.NewGuid():N}.series.tmp");
        try
        {
            long points;
            using (var writer = new CompactSeriesWriter(temp))
            {
                foreach (var p in new SeriesReader(live, ledger.DisplayFolder + "/" + run.Id + RunLedger.SeriesSuffix).Read())
                {
                    writer.Write(p.Key, p.Step, p.Wall, p.Value);
                }

                points = writer.Points;
            }

            File.Move(temp, ledger.CompactSeriesPath(run.Id), overwrite: true);
            var compacted = run with { CompactSeries = true, SeriesPoints = run.SeriesPoints == 0 ? points : run.SeriesPoints };
            RunLedger.WriteAtomic(ledger.RecordPath(run.Id), RunRecordWriter.ToUtf8(compacted));
            File.Delete(live);
            return compacted;
        }
        finally
        {
            File.Delete(temp);
        }
    }
}
