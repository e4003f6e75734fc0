using System.CommandLine;
using System.Text.Json;
using Pipeline.Cli.Commands.Registry;
using Pipeline.Cli.Output;
using Pipeline.Core.Artifacts;
using Pipeline.Core.Diagnostics;
using Pipeline.Core.Serving;
using Pipeline.Git.Serving;

namespace Pipeline.Cli.Commands.Serving;

/// <summary>
/// <c>pipeline resolve MODEL#ALIAS | MODEL@VERSION [--rev TAG] [--json | --format env | --format oci-labels]</c>: what a
/// deploy loads. Exit 1 (PIPE3710/PIPE3711) when there is nothing to serve: the alias was emptied, or the version is
/// deprecated.
/// </summary>
internal static class ResolveCommand
{
    public static Command Build(CliConsole console)
    {
        var common = new RegistryVerb();
        var spec = new Argument<string>("spec") { Description = "MODEL#ALIAS, MODEL@vX.Y.Z, MODEL@latest or MODEL." };
        var rev = new Option<string?>("--rev") { Description = "An alias tag of the model (e.g. $GITHUB_REF of a tag push): resolve the alias as it stood right after that event." };
        var format = new Option<string?>("--format") { Description = "env: KEY=VALUE lines for $GITHUB_ENV; oci-labels: one --label=KEY=VALUE per line for docker build." };
        var command = common.Add(new Command("resolve", "What an alias or version is now, for a deploy: version, fingerprint, artifact and digests, the alias event.") { spec, rev, format });
        RegistryVerb.SetAction(command, console, common.Json, parse =>
        {
            var json = parse.GetValue(common.Json);
            var shape = parse.GetValue(format);
            if (shape is not (null or "env" or "oci-labels"))
            {
                throw new PipelineException(PipeCodes.ResolveFormatInvalid, $"--format '{shape}' is not env or oci-labels");
            }

            if (json && shape is not null)
            {
                throw new PipelineException(PipeCodes.UsageError, "give --json or --format, not both");
            }

            var (model, version, alias) = RegistryVerb.Spec(parse.GetValue(spec) ?? "");
            if (alias is null && parse.GetValue(rev) is not null)
            {
                throw new PipelineException(PipeCodes.UsageError, "--rev resolves an alias as of one of its tags; it needs MODEL#ALIAS");
            }

            var r = new ServingRegistry(common.Store(parse)).Resolve(model, version, alias, parse.GetValue(rev));
            if (json) JsonOut.Write(console.Out, w => Write(w, r));
            else if (shape == "env") Lines(console, ResolutionFields.Env(r).Select(f => $"{f.Key}={f.Value}"));
            else if (shape == "oci-labels") Lines(console, ResolutionFields.OciLabels(r).Select(f => $"--label={f.Key}={f.Value}"));
            else Text(console, r);
            return ExitCodes.Success;
        });
        return command;
    }

    private static void Lines(CliConsole console, IEnumerable<string> lines)
    {
        foreach (var line in lines.ToArray()) console.Out.WriteLine(line);
    }

    internal static void Write(Utf8JsonWriter w, Resolution r)
    {
        w.WriteStartObject();
        w.WriteString("model", r.Model);
        RegistryVerb.Str(w, "alias", r.Alias);
        w.WriteString("version", r.Version.ToString());
        RegistryVerb.Str(w, "fingerprint", r.Fingerprint);
        w.WriteString("commit", r.Commit);
        w.WriteString("tag", r.VersionTag);
        w.WritePropertyName("event");
        if (r.Event is { } e)
        {
            w.WriteStartObject();
            w.WriteString("tag", e.Tag);
            w.WriteString("action", e.Action);
            w.WriteNumber("counter", e.Counter);
            RegistryVerb.Version(w, "previous", e.Previous);
            RegistryVerb.Str(w, "actor", e.Actor);
            RegistryVerb.Str(w, "time", ResolutionFields.Time(e.Time));
            RegistryVerb.Str(w, "reason", e.Reason);
            w.WriteEndObject();
        }
        else
        {
            w.WriteNullValue();
        }

        w.WritePropertyName("artifact");
        ArtifactJson.Write(w, r.Artifact, explicitNulls: true);
        w.WriteEndObject();
    }

    private static void Text(CliConsole console, Resolution r)
    {
        console.Out.WriteLine($"{r.Model}{(r.Alias is null ? "" : "#" + r.Alias)} → {r.Version} ({r.VersionTag}, commit {r.Commit[..12]})");
        console.Out.WriteLine($"  fingerprint: {r.Fingerprint ?? "(no record: tag made by GTO or by hand)"}");
        if (r.Artifact is { } a)
        {
            console.Out.WriteLine($"  artifact:    {ShellSafe.Text(a.Uri)} ({a.Kind}{(a.Sha256 is null ? ", no digest" : ", sha256 " + a.Sha256)})");
            if (a.Dvc is { } d) console.Out.WriteLine($"  dvc:         {d.Md5} in {d.File}{(d.Object is null ? "" : ", " + ShellSafe.Text(d.Object))}");
        }
        else
        {
            console.Out.WriteLine("  artifact:    (none recorded)");
        }

        if (r.Event is { } e)
        {
            console.Out.WriteLine($"  event:       {e.Tag} (counter {e.Counter}) by {ShellSafe.Text(e.Actor ?? "?")} at {ResolutionFields.Time(e.Time) ?? "?"}"
                + (e.Previous is null ? "" : $", was {e.Previous}") + (e.Reason is null ? "" : $": {ShellSafe.Text(e.Reason)}"));
        }
    }
}
