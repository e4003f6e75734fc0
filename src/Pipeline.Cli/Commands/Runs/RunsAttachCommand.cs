using System.CommandLine;
using Pipeline.Cli.Output;
using Pipeline.Core.Diagnostics;
using Pipeline.Core.Tracking;

namespace Pipeline.Cli.Commands.Runs;

/// <summary>
/// <c>pipeline runs attach ID --eval FILE | --artifact PATH | --rev REV | --lineage FILE [--commit]</c>: binds a run to
/// what it produced after the fact, so an imported run can be selected and gated like one logged with its lineage.
/// </summary>
internal static class RunsAttachCommand
{
    public static Command Build(CliConsole console)
    {
        var id = new Argument<string>("id") { Description = "The run id (or a unique prefix)." };
        var binding = new RunBindingOptions();
        var commit = new Option<bool>("--commit") { Description = "Commit the changed run record as one commit on the checked-out branch." };
        var repo = Verb.RepoOption();
        var json = Verb.JsonOption();
        var command = new Command("attach", "Bind eval results, an artifact or a lineage to a run already in the ledger.") { id, commit, repo, json };
        binding.AddTo(command);

        Verb.SetAction(command, console, json, parse =>
        {
            var root = RunsRepo.Root(parse.GetValue(repo));
            var ledger = RunsRepo.Ledger(root);
            var bind = binding.Build(parse, root, parse.GetValue(repo) ?? Directory.GetCurrentDirectory(), console.Error);
            if (bind.IsEmpty)
            {
                throw new PipelineException(
                    PipeCodes.UsageError,
                    "nothing to attach: give --eval FILE, --artifact PATH (or --artifact-dvc), --rev REV or --lineage FILE");
            }

            var (run, sha) = RunEdit.Apply(root, ledger, parse.GetValue(id)!, r => RunCuration.Bind(r, bind), parse.GetValue(commit), "attach to");
            if (parse.GetValue(json))
            {
                JsonOut.Write(console.Out, w => RunJson.WriteRecord(w, run, sha is null ? null : x => x.WriteString("commit", sha)));
                return ExitCodes.Success;
            }

            var parts = new List<string>();
            if (bind.Lineage is not null)
            {
                parts.Add(run.Fingerprint is { } fp ? $"lineage {fp[..12]}" : "lineage (incomplete: no fingerprint)");
            }

            if (bind.Artifacts.Count > 0)
            {
                parts.Add($"artifact {bind.Artifacts[0].Uri}");
            }

            if (bind.Evals.Count > 0)
            {
                parts.Add($"{bind.Evals.Count} eval result{(bind.Evals.Count == 1 ? "" : "s")}");
            }

            console.Out.WriteLine($"attached to {run.Id}  {run.Name}: {string.Join(", ", parts)}{(sha is null ? "" : $"  commit {sha[..12]}")}");
            return ExitCodes.Success;
        });
        return command;
    }
}
