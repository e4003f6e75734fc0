using System.CommandLine;
using System.Runtime.CompilerServices;
using Pipeline.Cli.Commands.Lineage;
using Pipeline.Cli.Output;
using Pipeline.Cli.Output.Results;
using Pipeline.Core.Canonical;
using Pipeline.Core.Diagnostics;
using Pipeline.Core.Lineage;

namespace Pipeline.Cli.Commands;

/// <summary>
/// <c>pipeline fingerprint</c>: the lineage-v1 fingerprint of a lineage file (<c>--lineage FILE</c>), or of the lineage
/// built from the repository's sources (git commit, dvc.lock, config file, pipeline.yaml defaults). The --lineage path
/// touches only the canonical JSON code: no git, no YAML, no GitHub assemblies load (see bench/ for the start-up budget);
/// everything from-sources sits behind <see cref="FromSources"/>.
/// </summary>
internal static class FingerprintCommand
{
    public static Command Build(CliConsole console)
    {
        var lineage = new Option<string?>("--lineage") { Description = "A JSON file holding the lineage (its REQUIRED fields)." };
        var json = Verb.JsonOption();
        var sources = new LineageOptions();
        var command = new Command("fingerprint", "Compute the lineage-v1 fingerprint of a lineage file, or of the lineage built from the repository.")
        {
            lineage,
            json,
        };
        sources.AddTo(command);

        Verb.SetAction(command, console, json, parse =>
        {
            var path = parse.GetValue(lineage);
            if (path is null)
            {
                return FromSources(console, parse, sources, parse.GetValue(json));
            }

            if (sources.AnyGiven(parse) || parse.GetValue(sources.Repo) is not null)
            {
                throw new PipelineException(PipeCodes.UsageError, "--lineage FILE cannot be combined with lineage-source options");
            }

            var obj = Fingerprint.AsLineage(JsonReader.ParseFile(path), path);
            var fingerprint = Fingerprint.Compute(obj, path);
            if (parse.GetValue(json))
            {
                JsonOut.Write(console.Out, new FingerprintOutput(
                    fingerprint,
                    LineageFields.Scheme,
                    Documents.Element(Fingerprint.Project(obj, path)),
                    null), CliJsonContext.Default.FingerprintOutput);
            }
            else
            {
                console.Out.WriteLine(fingerprint);
            }

            return ExitCodes.Success;
        });
        return command;
    }

    // Not inlined: JIT-compiling this method is what loads LibGit2Sharp and YamlDotNet, which --lineage never needs.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static int FromSources(CliConsole console, ParseResult parse, LineageOptions sources, bool json)
    {
        var build = sources.Build(parse);
        var result = build.Result;
        if (build.DirtyWarning is { } warning)
        {
            console.Error.WriteLine(warning);
        }

        if (json)
        {
            JsonOut.Write(console.Out, new FingerprintOutput(
                result.Fingerprint, LineageFields.Scheme, Documents.Element(result.Lineage), Documents.Element(result.Sources)),
                CliJsonContext.Default.FingerprintOutput);
        }
        else
        {
            console.Out.WriteLine(result.Fingerprint);
        }

        return ExitCodes.Success;
    }
}
