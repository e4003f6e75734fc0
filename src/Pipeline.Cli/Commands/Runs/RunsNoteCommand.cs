using System.CommandLine;
using Pipeline.Cli.Output;
using Pipeline.Core.Diagnostics;
using Pipeline.Core.Tracking;

namespace Pipeline.Cli.Commands.Runs;

/// <summary>
/// <c>pipeline runs note ID TEXT [--commit]</c>: a free-text note on a run (kept as the <c>note</c> tag, so search and
/// the report show it); an empty TEXT removes it.
/// </summary>
internal static class RunsNoteCommand
{
    public static Command Build(CliConsole console)
    {
        var id = new Argument<string>("id") { Description = "The run id (or a unique prefix)." };
        var text = new Argument<string>("text") { Description = "The note (an empty string removes it)." };
        var commit = new Option<bool>("--commit") { Description = "Commit the changed run record as one commit on the checked-out branch." };
        var repo = Verb.RepoOption();
        var json = Verb.JsonOption();
        var command = new Command("note", "Write a free-text note on a run (the 'note' tag).") { id, text, commit, repo, json };

        Verb.SetAction(command, console, json, parse =>
        {
            var note = parse.GetValue(text) ?? "";
            var root = RunsRepo.Root(parse.GetValue(repo));
            var (run, sha) = RunEdit.Apply(
                root, RunsRepo.Ledger(root), parse.GetValue(id)!, r => RunCuration.Note(r, note), parse.GetValue(commit), "note");
            if (parse.GetValue(json))
            {
                JsonOut.Write(console.Out, w => RunJson.WriteRecord(w, run, sha is null ? null : x => x.WriteString("commit", sha)));
            }
            else
            {
                console.Out.WriteLine(
                    $"{(note.Length == 0 ? "removed the note of" : "noted")} {run.Id}  {run.Name}{(sha is null ? "" : $"  commit {sha[..12]}")}");
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
