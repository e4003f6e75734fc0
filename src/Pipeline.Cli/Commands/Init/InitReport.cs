using Pipeline.Cli.Output;
using Pipeline.Core.Project.Adoption;

namespace Pipeline.Cli.Commands.Init;

/// <summary>What init tells the user: each file written (or that would be), then every line left to edit.</summary>
internal static class InitReport
{
    public static void Print(
        CliConsole console, bool json, bool dryRun, Proposal proposal, IReadOnlyList<InitFile> files, IReadOnlySet<string> replaced)
    {
        var edits = files.SelectMany(f => f.Edits).ToList();
        if (json)
        {
            JsonOut.Write(console.Out, w =>
            {
                w.WriteStartObject();
                w.WriteBoolean("dry_run", dryRun);
                w.WriteStartArray("files");
                foreach (var f in files)
                {
                    w.WriteStartObject();
                    w.WriteString("path", f.Path);
                    w.WriteString("action", replaced.Contains(f.Path) ? "replace" : "create");
                    w.WriteEndObject();
                }

                w.WriteEndArray();
                w.WriteStartArray("edits");
                foreach (var e in edits)
                {
                    w.WriteStartObject();
                    w.WriteString("file", e.File);
                    w.WriteNumber("line", e.Line);
                    w.WriteString("key", e.Key);
                    w.WriteString("what", e.What);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
                w.WriteStartObject("proposal");
                WriteNullable(w, "training_stage", proposal.TrainingStage);
                WriteNullable(w, "config", proposal.ConfigSpec);
                w.WriteBoolean("dvc_lock", proposal.HasDvcLock);
                WriteNullable(w, "base_model", proposal.BaseModel?.Value);
                w.WritePropertyName("seed");
                if (proposal.Seed is { } seed)
                {
                    w.WriteRawValue(seed.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)); // any size, exact
                }
                else
                {
                    w.WriteNullValue();
                }

                w.WriteString("protected_ref", proposal.ProtectedRef);
                w.WriteString("model", proposal.Model);
                w.WriteEndObject();
                w.WriteEndObject();
            });
            return;
        }

        var verb = dryRun ? "would write" : "wrote";
        foreach (var f in files)
        {
            console.Out.WriteLine($"{verb} {f.Path}{(replaced.Contains(f.Path) ? " (replacing the existing file)" : "")}");
        }

        console.Out.WriteLine(edits.Count == 0 ? "nothing left to edit." : $"{edits.Count} line(s) to edit:");
        foreach (var e in edits)
        {
            console.Out.WriteLine($"  edit {e.File} line {e.Line}: {e.Key} — {e.What}");
        }

        console.Out.WriteLine(dryRun
            ? "next: run 'pipeline init' without --dry-run."
            : "next: review with 'git diff', make the edits, commit, then run 'pipeline fingerprint'.");
    }

    private static void WriteNullable(System.Text.Json.Utf8JsonWriter w, string name, string? value)
    {
        if (value is null)
        {
            w.WriteNull(name);
        }
        else
        {
            w.WriteString(name, value);
        }
    }
}
