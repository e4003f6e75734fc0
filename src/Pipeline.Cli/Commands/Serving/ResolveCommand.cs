using System.CommandLine;
using Pipeline.Cli.Commands.Registry;
using Pipeline.Cli.Output;
using Pipeline.Cli.Output.Results;
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
        var rev = new Option<string?>("--rev")
        {
            Description = "An alias tag of the model (e.g. $GITHUB_REF of a tag push): resolve the alias as it stood right after that event."
        };
        var format = new Option<string?>("--format")
        {
            Description = "env: KEY=VALUE lines for $GITHUB_ENV; oci-labels: one --label=KEY=VALUE per line for docker build."
        };
        var command = common.Add(
            new Command("resolve", "What an alias or version is now, for a deploy: version, fingerprint, artifact and digests, the alias event.")
            {
                spec,
                rev,
                format
            });
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
            if (json)
            {
                JsonOut.Write(console.Out, Document(r), CliJsonContext.Default.ResolveOutput);
            }
            else if (shape == "env")
            {
                Lines(console, ResolutionFields.Env(r).Select(f => $"{f.Key}={f.Value}"));
            }
            else if (shape == "oci-labels")
            {
                Lines(console, ResolutionFields.OciLabels(r).Select(f => $"--label={f.Key}={f.Value}"));
            }
            else
            {
                Text(console, r);
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static void Lines(CliConsole console, IEnumerable<string> lines)
    {
        foreach (var line in lines.ToArray())
        {
            console.Out.WriteLine(line);
        }
    }

    /// <summary>The resolution as the typed record the tasks read (Output/Results/ResolveOutput.cs).</summary>
    internal static ResolveOutput Document(Resolution r) => new(
        r.Model,
        r.Alias,
        r.Version.ToString(),
        r.Fingerprint,
        r.Commit,
        r.VersionTag,
        r.Event is { } e
            ? new AliasEventDocument(e.Tag, e.Action, e.Counter, e.Previous?.ToString(), e.Actor, ResolutionFields.Time(e.Time), e.Reason)
            : null,
        Documents.Of(r.Artifact));

    private static void Text(CliConsole console, Resolution r)
    {
        console.Out.WriteLine($"{r.Model}{(r.Alias is null ? "" : "#" + r.Alias)} → {r.Version} ({r.VersionTag}, commit {r.Commit[..12]})");
        console.Out.WriteLine($"  fingerprint: {r.Fingerprint ?? "(no record: tag made by GTO or by hand)"}");
        if (r.Artifact is { } a)
        {
            console.Out.WriteLine($"  artifact:    {ShellSafe.Text(a.Uri)} ({a.Kind}{(a.Sha256 is null ? ", no digest" : ", sha256 " + a.Sha256)})");
            if (a.Dvc is { } d)
            {
                console.Out.WriteLine($"  dvc:         {d.Md5} in {d.File}{(d.Object is null ? "" : ", " + ShellSafe.Text(d.Object))}");
            }
        }
        else
        {
            console.Out.WriteLine("  artifact:    (none recorded)");
        }

        if (r.Event is { } e)
        {
            console.Out.WriteLine(
                $"  event:       {e.Tag} (counter {e.Counter}) by {ShellSafe.Text(e.Actor ?? "?")} at {ResolutionFields.Time(e.Time) ?? "?"}"
                + (e.Previous is null ? "" : $", was {e.Previous}") + (e.Reason is null ? "" : $": {ShellSafe.Text(e.Reason)}"));
        }
    }
}
