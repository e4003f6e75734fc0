using Pipeline.Core.Diagnostics;
using Pipeline.Core.Evals;

namespace Pipeline.Cli.Commands;

/// <summary>
/// Eval result files as every verb that takes <c>--eval</c> attaches them (register, runs attach, runs ingest, gate):
/// read, then stamped with the producer the environment describes (<see cref="EvalProducer.Stamp"/>). A producer the
/// file claimed for itself is replaced or dropped, with a warning, so typing one into the JSON never makes evidence "CI's".
/// </summary>
internal static class EvalFiles
{
    public static EvalResult[] Read(IEnumerable<string>? paths, TextWriter warnings)
    {
        var found = new List<Diagnostic>();
        var results = Read(paths, Environment.GetEnvironmentVariable, found);
        foreach (var w in found)
        {
            warnings.WriteLine(w.Canonical());
        }

        return results;
    }

    public static EvalResult[] Read(IEnumerable<string>? paths, Func<string, string?> environment, List<Diagnostic> warnings) =>
        (paths ?? []).Select(path =>
        {
            var stamped = EvalProducer.Stamp(EvalResult.FromFile(path), environment, out var discarded);
            if (discarded is not null)
            {
                var now = stamped.Producer is { } p
                    ? $"replaced by this job's ({p.Describe()})"
                    : "dropped: this is not a GitHub Actions job (GITHUB_ACTIONS is not 'true')";
                warnings.Add(new Diagnostic(Severity.Warning, PipeCodes.EvalProducerIgnored,
                    $"the file's own producer ({discarded.Describe()}) was not taken; {now}", path));
            }

            return stamped;
        }).ToArray();
}
