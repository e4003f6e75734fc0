using System.Runtime.ExceptionServices;
using Pipeline.Core.Inputs;
using Pipeline.Core.Sweep;

namespace Pipeline.Cli.Commands.Gate;

/// <summary>
/// The candidates <c>select</c> ranks, read from the files <see cref="RunInputs.Sources"/> names: each record straight
/// to its candidate (<see cref="CandidateReader"/>, no document tree), into one reused buffer per thread, on every core
/// when there are many. The result, and the error when one file does not read, are those of reading the files one
/// by one in order: a failure is kept at its file's place and the first one in that order is thrown.
/// </summary>
internal static class SelectCandidates
{
    // Below this many files a second thread costs more than it saves.
    private const int ParallelFrom = 256;

    public static IReadOnlyList<Candidate> Read(IEnumerable<string> arguments, string repoRoot)
    {
        var sources = new List<RunSource>();
        ExceptionDispatchInfo? unresolved = null;
        try
        {
            foreach (var source in RunInputs.Sources(arguments, repoRoot))
            {
                sources.Add(source);
            }
        }
        catch (Exception e)
        {
            // An argument that names nothing fails after every file named before it has been read (and may fail first).
            unresolved = ExceptionDispatchInfo.Capture(e);
        }

        var cap = InputLimits.Document;
        var candidates = new Candidate[sources.Count];
        var failures = new ExceptionDispatchInfo?[sources.Count];
        if (sources.Count < ParallelFrom || Environment.ProcessorCount == 1)
        {
            var buffer = new byte[1 << 16];
            for (var i = 0; i < sources.Count; i++)
            {
                buffer = ReadOne(sources[i], cap, out candidates[i], out failures[i], buffer);
            }
        }
        else
        {
            Parallel.For(0, sources.Count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount },
                () => new byte[1 << 16], (i, _, buffer) => ReadOne(sources[i], cap, out candidates[i], out failures[i], buffer), _ => { });
        }

        foreach (var failure in failures)
        {
            failure?.Throw();
        }

        unresolved?.Throw();
        return candidates;
    }

    private static byte[] ReadOne(RunSource source, long cap, out Candidate candidate, out ExceptionDispatchInfo? failure, byte[] buffer)
    {
        candidate = null!;
        failure = null;
        try
        {
            var length = InputLimits.ReadInto(source.Path, source.Display, cap, ref buffer);
            candidate = CandidateReader.Read(buffer.AsSpan(0, length), source.Display);
        }
        catch (Exception e)
        {
            failure = ExceptionDispatchInfo.Capture(e);
        }

        return buffer;
    }
}
