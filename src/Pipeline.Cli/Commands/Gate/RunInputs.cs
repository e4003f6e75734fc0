using Pipeline.Core.Diagnostics;
using Pipeline.Core.Tracking;

namespace Pipeline.Cli.Commands.Gate;

/// <summary>A run record with the path of its series file (beside the record, as the ledger keeps it).</summary>
internal sealed record RunInput(RunRecord Record, string SeriesPath, string Display);

/// <summary>
/// Turns the RUNS… arguments of <c>select</c> (and <c>--run</c> of <c>gate</c>) into run records: a run file, a folder of
/// run files, or a run id (or unique prefix) in the ledger <c>&lt;repo&gt;/registry/runs/</c>.
/// </summary>
internal static class RunInputs
{
    public static IReadOnlyList<RunInput> Resolve(IEnumerable<string> arguments, string repoRoot) =>
        Sources(arguments, repoRoot).Select(s => s.Read()).ToList();

    /// <summary>
    /// The record files the arguments name, in order, each found only when the ones before it have been taken: an
    /// argument that names nothing throws where the reading has got to, so errors come in the order the arguments give.
    /// </summary>
    public static IEnumerable<RunSource> Sources(IEnumerable<string> arguments, string repoRoot)
    {
        foreach (var arg in arguments)
        {
            if (File.Exists(arg))
            {
                yield return new RunSource(arg, arg, r => Path.Combine(Path.GetDirectoryName(Path.GetFullPath(arg))!, r.SeriesFile));
            }
            else if (Directory.Exists(arg))
            {
                // The folder is made absolute once: a relative path costs a getcwd in every file call that follows.
                var folder = Path.GetFullPath(arg);
                var names = Directory.EnumerateFiles(folder, "*" + RunLedger.RecordSuffix)
                    .Select(Path.GetFileName)
                    .OfType<string>()
                    .Where(f => !f.EndsWith(RunLedger.SeriesSuffix, StringComparison.Ordinal))
                    .Order(StringComparer.Ordinal)
                    .ToArray();
                if (names.Length == 0)
                {
                    throw new PipelineException(PipeCodes.SweepNoCandidates, $"folder '{arg}' holds no run records (*.json)", arg);
                }

                foreach (var n in names)
                {
                    yield return new RunSource(Path.Join(folder, n), Path.Join(arg, n), r => Path.Combine(folder, r.SeriesFile));
                }
            }
            else if (LooksLikePath(arg))
            {
                // Run ids have no slash, backslash or dot: this was meant as a file or folder, so say that it is missing.
                throw new PipelineException(PipeCodes.FileNotFound, $"no run file or folder '{arg}' (from {Directory.GetCurrentDirectory()})", arg);
            }
            else
            {
                yield return FromLedger(arg, repoRoot);
            }
        }
    }

    /// <summary>The ledger folder of the repository (pipeline.yaml's registry folder), for "every run".</summary>
    public static string LedgerFolder(string repoRoot) =>
        RunLedger.ForRepository(repoRoot, Pipeline.Core.Project.ProjectConfig.Load(repoRoot).RegistryFolder).Folder;

    public static RunInput One(string argument, string repoRoot) =>
        File.Exists(argument) ? Sources([argument], repoRoot).Single().Read()
        : LooksLikePath(argument) ? throw new PipelineException(
            PipeCodes.FileNotFound,
            $"no run file '{argument}' (from {Directory.GetCurrentDirectory()})",
            argument)
        : FromLedger(argument, repoRoot).Read();

    private static bool LooksLikePath(string arg) => arg.IndexOfAny(['/', '\\', '.']) >= 0;

    private static RunSource FromLedger(string idOrPrefix, string repoRoot)
    {
        var ledger = RunLedger.ForRepository(repoRoot, Pipeline.Core.Project.ProjectConfig.Load(repoRoot).RegistryFolder);
        var id = ledger.Resolve(idOrPrefix);
        return new RunSource(ledger.RecordPath(id), ledger.DisplayFolder + "/" + id + RunLedger.RecordSuffix, _ => ledger.SeriesPath(id));
    }
}

/// <summary>
/// A run record file named by the arguments: where it is, how the user named it (errors and eval sources say that),
/// and where its series lies once the record says which kind it keeps.
/// </summary>
internal sealed record RunSource(string Path, string Display, Func<RunRecord, string> SeriesPath)
{
    public RunInput Read()
    {
        var record = RunRecordReader.ReadFile(Path, Display);
        return new RunInput(record, SeriesPath(record), Display);
    }
}
