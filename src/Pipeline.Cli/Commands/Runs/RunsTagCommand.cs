using System.CommandLine;
using Pipeline.Cli.Output;
using Pipeline.Core.Diagnostics;
using Pipeline.Core.Tracking;

namespace Pipeline.Cli.Commands.Runs;

/// <summary><c>pipeline runs tag ID KEY=VALUE… [--remove KEY]… [--commit]</c>: set or remove a run's tags.</summary>
internal static class RunsTagCommand
{
    public static Command Build(CliConsole console)
    {
        var id = new Argument<string>("id") { Description = "The run id (or a unique prefix)." };
        var pairs = new Argument<string[]>("tags") { Description = "KEY=VALUE pairs to set.", Arity = ArgumentArity.ZeroOrMore };
        var remove = new Option<string[]>("--remove") { Description = "A tag key to remove (repeatable)." };
        var commit = new Option<bool>("--commit") { Description = "Commit the changed run record as one commit on the checked-out branch." };
        var repo = Verb.RepoOption();
        var json = Verb.JsonOption();
        var command = new Command("tag", "Set (KEY=VALUE) or remove (--remove KEY) tags of a run.") { id, pairs, remove, commit, repo, json };

        Verb.SetAction(command, console, json, parse =>
        {
            var changes = Parse(parse.GetValue(pairs) ?? [], parse.GetValue(remove) ?? []);
            var root = RunsRepo.Root(parse.GetValue(repo));
            var (run, sha) = RunEdit.Apply(
                root,
                RunsRepo.Ledger(root),
                parse.GetValue(id)!,
                r => RunCuration.Tag(r, changes),
                parse.GetValue(commit),
                "tag");
            if (parse.GetValue(json))
            {
                JsonOut.Write(console.Out, w => RunJson.WriteRecord(w, run, sha is null ? null : x => x.WriteString("commit", sha)));
            }
            else
            {
                console.Out.WriteLine(
                    $"tagged {run.Id}  {run.Name}: " +
                    $"{string.Join(", ", changes.Select(c => c.Value is null ? $"-{c.Key}" : $"{c.Key}={c.Value}"))}" +
                    $"{(sha is null ? "" : $"  commit {sha[..12]}")}");
            }

            return ExitCodes.Success;
        });
        return command;
    }

    internal static IReadOnlyDictionary<string, string?> Parse(IReadOnlyList<string> pairs, IReadOnlyList<string> removals)
    {
        if (pairs.Count == 0 && removals.Count == 0)
        {
            throw new PipelineException(PipeCodes.RunTagInvalid, "no tag given: pass KEY=VALUE pairs or --remove KEY");
        }

        var changes = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var pair in pairs)
        {
            var eq = pair.IndexOf('=');
            if (eq <= 0)
            {
                throw new PipelineException(PipeCodes.RunTagInvalid, $"'{pair}' is not KEY=VALUE");
            }

            var key = pair[..eq];
            if (changes.ContainsKey(key))
            {
                throw new PipelineException(PipeCodes.RunTagInvalid, $"tag '{key}' given twice");
            }

            changes[key] = pair[(eq + 1)..];
        }

        foreach (var key in removals)
        {
            if (!changes.TryAdd(key, null))
            {
                throw new PipelineException(PipeCodes.RunTagInvalid, $"tag '{key}' is both set and removed");
            }
        }

        return changes;
    }
}
