using System.CommandLine;
using Pipeline.Cli.Output;
using Pipeline.Core.Artifacts;
using Pipeline.Core.Diagnostics;

namespace Pipeline.Cli.Commands.Artifacts;

/// <summary>
/// <c>pipeline artifact manifest DIR [--output FILE]</c>: hashes every file of a checkpoint folder on the machine that
/// has it, and writes the manifest (default <c>DIR/pipeline-manifest.json</c>, which travels with the folder when it is
/// uploaded). <c>register --artifact URI --artifact-manifest FILE</c> records it; <c>artifact verify</c> checks a
/// download against it.
/// </summary>
internal static class ArtifactManifestCommand
{
    public static Command Build(CliConsole console)
    {
        var dir = new Argument<string>("dir") { Description = "The checkpoint folder (e.g. out/adapter)." };
        var output = new Option<string?>("--output", "-o")
        {
            Description = $"Where to write the manifest (default DIR/{ArtifactManifestFile.FileName})."
        };
        var json = Verb.JsonOption();
        var command = new Command("manifest", "Write a folder's per-file manifest (sha256 and size of each file) and print its digest.")
        {
            dir,
            output,
            json
        };
        Verb.SetAction(command, console, json, parse =>
        {
            var folder = parse.GetValue(dir) ?? "";
            if (!Directory.Exists(folder))
            {
                throw new PipelineException(PipeCodes.FileNotFound, $"'{folder}' is not a folder",
                    hint: "Pass the checkpoint folder; a single file needs no manifest (use its sha256 with --artifact-sha256).");
            }

            var manifest = ArtifactDigest.Manifest(folder);
            if (manifest.Count == 0)
            {
                throw new PipelineException(PipeCodes.ManifestInvalid, $"'{folder}' holds no files");
            }

            foreach (var e in manifest)
            {
                if (ManifestPath.Problem(e.Path) is { } problem)
                {
                    throw new PipelineException(PipeCodes.ManifestInvalid, $"file name {e.Path.ReplaceLineEndings("\\n")} {problem}",
                        hint: "Rename the file: a manifest path must be readable on every machine and print on one line.");
                }
            }

            var target = parse.GetValue(output) ?? Path.Combine(folder, ArtifactManifestFile.FileName);
            var bytes = ArtifactManifestFile.Write(manifest);
            var temp = target + ".tmp-" + Environment.ProcessId;
            File.WriteAllBytes(temp, bytes);
            File.Move(temp, target, overwrite: true);
            var digest = ArtifactDigest.ManifestDigest(manifest);
            var size = manifest.Sum(e => e.Size);
            if (parse.GetValue(json))
            {
                JsonOut.Write(console.Out, w =>
                {
                    w.WriteStartObject();
                    w.WriteString("manifest", target);
                    w.WriteString("sha256", digest);
                    w.WriteNumber("size", size);
                    w.WriteNumber("files", manifest.Count);
                    w.WriteEndObject();
                });
            }
            else
            {
                console.Out.WriteLine($"wrote {target}: {manifest.Count} files, {size} bytes, digest {digest}");
                console.Out.WriteLine($"upload the folder with it, then: pipeline register MODEL --artifact URI --artifact-manifest {target}");
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
