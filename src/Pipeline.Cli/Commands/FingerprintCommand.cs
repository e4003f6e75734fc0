using System.CommandLine;
using Pipeline.Cli.Output;
using Pipeline.Core.Canonical;
using Pipeline.Core.Diagnostics;
using Pipeline.Core.Lineage;

namespace Pipeline.Cli.Commands;

/// <summary>
/// <c>pipeline fingerprint</c>: the lineage-v1 fingerprint of a lineage file. The --lineage path touches only the
/// canonical JSON code: no git, no YAML, no GitHub assemblies load (see bench/ for the start-up budget).
/// </summary>
internal static class FingerprintCommand
{
    public static Command Build(CliConsole console)
    {
        var lineage = new Option<string?>("--lineage") { Description = "A JSON file holding the lineage (its REQUIRED fields)." };
        var json = Verb.JsonOption();
        var command = new Command("fingerprint", "Compute the lineage-v1 fingerprint of a model's lineage.")
        {
            lineage,
            json,
        };

        Verb.SetAction(command, console, json, parse =>
        {
            var path = parse.GetValue(lineage)
                ?? throw new PipelineException(PipeCodes.UsageError, "give --lineage FILE");
            var obj = Fingerprint.AsLineage(JsonReader.ParseFile(path), path);
            var fingerprint = Fingerprint.Compute(obj, path);
            if (parse.GetValue(json))
            {
                JsonOut.Write(console.Out, w =>
                {
                    w.WriteStartObject();
                    w.WriteString("fingerprint", fingerprint);
                    w.WriteString("scheme", LineageFields.Scheme);
                    w.WritePropertyName("lineage");
                    ValueJson.Write(w, Fingerprint.Project(obj, path));
                    w.WriteEndObject();
                });
            }
            else
            {
                console.Out.WriteLine(fingerprint);
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
