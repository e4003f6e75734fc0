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
    public static IReadOnlyList<RunInput> Resolve(IEnumerable<string> arguments, string repoRoot)
    {
        var runs = new List<RunInput>();
        foreach (var arg in arguments)
        {
            if (File.Exists(arg))
            {
                runs.Add(FromFile(arg));
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

                runs.AddRange(names.Select(n => FromFile(Path.Join(folder, n), folder, Path.Join(arg, n))));
            }
            else if (LooksLikePath(arg))
            {
                // Run ids have no slash, backslash or dot: this was meant as a file or folder, so say that it is missing.
                throw new PipelineException(PipeCodes.FileNotFound, $"no run file or folder '{arg}' (from {Directory.GetCurrentDirectory()})", arg);
            }
            else
            {
                runs.Add(FromLedger(arg, repoRoot));
            }
        }

        return runs;
    }

    /// <summary>The ledger folder of the repository (pipeline.yaml's registry folder), for "every run".</summary>
    public static string LedgerFolder(string repoRoot) =>
        RunLedger.ForRepository(repoRoot, Pipeline.Core.Project.ProjectConfig.Load(repoRoot).RegistryFolder).Folder;

    public static RunInput One(string argument, string repoRoot) =>
        File.Exists(argument) ? FromFile(argument)
        : LooksLikePath(argument) ? throw new PipelineException(
            PipeCodes.FileNotFound,
            $"no run file '{argument}' (from {Directory.GetCurrentDirectory()})",
            argument)
        : FromLedger(argument, repoRoot);

    private static bool LooksLikePath(string arg) => arg.IndexOfAny(['/', '\\', '.']) >= 0;

    private static RunInput FromFile(string path) => FromFile(path, Path.GetDirectoryName(Path.GetFullPath(path))!, path);

    /// <summary>A record at <paramref name="path"/> in <paramref name="folder"/> (absolute), named <paramref name="display"/> as the user gave
    /// it.</summary>
    private static RunInput FromFile(string path, string folder, string display)
    {
        var record = RunRecordReader.ReadFile(path, display);
        return new RunInput(record, Path.Combine(folder, record.SeriesFile), display);
    }

    private static RunInput FromLedger(string idOrPrefix, string repoRoot)
    {
        var ledger = RunLedger.ForRepository(repoRoot, Pipeline.Core.Project.ProjectConfig.Load(repoRoot).RegistryFolder);
        var id = ledger.Resolve(idOrPrefix);
        return new RunInput(ledger.Read(id), ledger.SeriesPath(id), ledger.DisplayFolder + "/" + id + RunLedger.RecordSuffix);
    }
}
