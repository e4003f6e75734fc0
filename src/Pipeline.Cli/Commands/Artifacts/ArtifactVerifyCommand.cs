using System.CommandLine;
using Pipeline.Cli.Commands.Registry;
using Pipeline.Cli.Output;
using Pipeline.Core.Artifacts;
using Pipeline.Core.Diagnostics;
using Pipeline.Git.Serving;

namespace Pipeline.Cli.Commands.Artifacts;

/// <summary>
/// <c>pipeline artifact verify MODEL#ALIAS|MODEL@VERSION PATH</c>: re-hashes a downloaded file or folder against the
/// version's record. Exit 1 (PIPE3713) naming the first file that differs, is missing or is extra; exit 1 (PIPE3714)
/// when the record has no digest to check.
/// </summary>
internal static class ArtifactVerifyCommand
{
    public static Command Build(CliConsole console)
    {
        var common = new RegistryVerb();
        var spec = new Argument<string>("spec") { Description = "MODEL#ALIAS or MODEL@vX.Y.Z: whose record to check against." };
        var path = new Argument<string>("path") { Description = "The downloaded file or folder." };
        var rev = new Option<string?>("--rev") { Description = "An alias tag: check against the version the alias held right after that event." };
        var command = common.Add(
            new Command("verify", "Check downloaded weights against the registered digest (file sha256, or the folder's manifest).")
            {
                spec,
                path,
                rev
            });
        RegistryVerb.SetAction(command, console, common.Json, parse =>
        {
            var (model, version, alias) = RegistryVerb.Spec(parse.GetValue(spec) ?? "");
            var local = parse.GetValue(path) ?? "";
            var r = new ServingRegistry(common.Store(parse)).Resolve(model, version, alias, parse.GetValue(rev), allowDeprecated: true);
            var artifact = r.Artifact
                ?? throw new PipelineException(PipeCodes.ArtifactNotVerifiable, $"{model}@{r.Version} has no artifact in its record");
            var mismatch = ArtifactCheck.Compare(artifact, Path.GetFullPath(local));
            var files = artifact.Manifest?.Count ?? 1;
            if (parse.GetValue(common.Json))
            {
                JsonOut.Write(console.Out, w =>
                {
                    w.WriteStartObject();
                    w.WriteBoolean("ok", mismatch is null);
                    w.WriteString("model", model);
                    w.WriteString("version", r.Version.ToString());
                    w.WriteString("path", local);
                    w.WriteString("kind", artifact.Kind);
                    w.WriteString("sha256", artifact.Sha256);
                    w.WriteNumber("files", files);
                    w.WritePropertyName("mismatch");
                    if (mismatch is null)
                    {
                        w.WriteNullValue();
                    }
                    else
                    {
                        w.WriteStartObject();
                        w.WriteString("path", mismatch.Path);
                        w.WriteString("difference", mismatch.Difference.ToString().ToLowerInvariant());
                        w.WriteString("detail", mismatch.Detail);
                        w.WriteEndObject();
                    }

                    w.WriteEndObject();
                });
            }

            if (mismatch is not null)
            {
                var what = mismatch.Difference switch
                {
                    ArtifactDifference.Missing => "is missing",
                    ArtifactDifference.Extra => "is extra",
                    _ => "differs",
                };
                var d = new Diagnostic(Severity.Error, PipeCodes.ArtifactNotVerified,
                    $"{ShellSafeName(mismatch.Path)} {what} ({mismatch.Detail}): {local} is not {model}@{r.Version}",
                    Hint: PipeCodes.ArtifactNotVerified.Fix);
                console.Error.WriteLine(d.Canonical());
                console.Error.WriteLine("  fix: " + PipeCodes.ArtifactNotVerified.Fix);
                return PipeCodes.ArtifactNotVerified.ExitCode;
            }

            if (!parse.GetValue(common.Json))
            {
                console.Out.WriteLine(
                    $"ok: {local} is {model}@{r.Version} ({(artifact.IsFolder ? $"{files} files, manifest digest" : "sha256")} {artifact.Sha256})");
            }

            return ExitCodes.Success;
        });
        return command;
    }

    // A downloaded file name is outside input: it must not split the canonical error line.
    private static string ShellSafeName(string path) => Serving.ShellSafe.Text(path);
}
