using System.CommandLine;
using Pipeline.Cli.Output;
using Pipeline.Cli.Output.Results;
using Pipeline.Core.Diagnostics;
using Pipeline.Core.Registry;

namespace Pipeline.Cli.Commands.Registry;

/// <summary><c>pipeline show MODEL | MODEL@vX.Y.Z | MODEL#ALIAS</c>: a version's record, aliases, fingerprint and artifact.</summary>
internal static class ShowCommand
{
    public static Command Build(CliConsole console)
    {
        var common = new RegistryVerb();
        var spec = new Argument<string>("spec") { Description = "MODEL (greatest live version), MODEL@vX.Y.Z or MODEL#ALIAS." };
        var command = common.Add(new Command("show", "Show a model version: record, current aliases, fingerprint, artifact.") { spec });
        RegistryVerb.SetAction(command, console, common.Json, parse =>
        {
            var (model, asked, alias) = RegistryVerb.Spec(parse.GetValue(spec) ?? "");
            var store = common.Store(parse);
            var state = store.State(model);
            if (!state.Exists)
            {
                throw new PipelineException(PipeCodes.ModelNotFound, $"model '{model}' has no registry tags");
            }

            SemVer version;
            if (alias is not null)
            {
                version = state.Aliases.GetValueOrDefault(alias)
                    ?? throw new PipelineException(PipeCodes.AliasNotFound, $"{model}#{alias} holds no version");
            }
            else
            {
                version = asked ?? state.Latest ?? throw new PipelineException(PipeCodes.VersionNotFound, $"model '{model}' has no live version");
                if (state.TagOf(version) is null)
                {
                    throw new PipelineException(PipeCodes.VersionNotFound, $"{model}@{version} is not registered");
                }
            }

            var tag = state.TagOf(version);
            var record = store.Record(model, version, state);
            var aliases = state.Aliases.Where(p => p.Value.Equals(version)).Select(p => p.Key).ToArray();
            if (parse.GetValue(common.Json))
            {
                JsonOut.Write(console.Out, new ShowOutput(
                    model,
                    version.ToString(),
                    record?.Fingerprint,
                    tag?.TargetCommit,
                    tag?.Name,
                    state.IsDeprecated(version),
                    aliases,
                    state.Aliases.ToDictionary(p => p.Key, p => p.Value.ToString()),
                    Documents.Of(record?.Artifact),
                    RegistryVerb.RecordElement(record)), CliJsonContext.Default.ShowOutput);
            }
            else
            {
                console.Out.WriteLine($"{model} {version}{(state.IsDeprecated(version) ? " (deprecated)" : "")}");
                console.Out.WriteLine($"  fingerprint: {record?.Fingerprint ?? "(no record: tag made by GTO or by hand)"}");
                console.Out.WriteLine($"  commit:      {tag?.TargetCommit}");
                console.Out.WriteLine($"  aliases:     {(aliases.Length == 0 ? "-" : string.Join(", ", aliases))}");
                if (record?.Artifact is { } a)
                {
                    console.Out.WriteLine($"  artifact:    {a.Uri}{(a.Sha256 is null ? "" : " sha256:" + a.Sha256)}");
                }

                if (record?.Description is { } d)
                {
                    console.Out.WriteLine($"  description: {d}");
                }
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
