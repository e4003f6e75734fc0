using System.CommandLine;
using Pipeline.Cli.Output;
using Pipeline.Core.Diagnostics;
using Pipeline.Git.Registry;

namespace Pipeline.Cli.Commands.Registry;

/// <summary><c>pipeline doctor</c>: what crashes, hand-made tags and partial clones leave behind; exit 1 when anything is found.</summary>
internal static class DoctorCommand
{
    public static Command Build(CliConsole console)
    {
        var common = new RegistryVerb();
        var command = common.Add(
            new Command(
                "doctor",
                "Check the registry: untrusted tags, records without tags and back, aliases on deprecated versions, missing lineage, shallow " +
                "clones."));
        RegistryVerb.SetAction(command, console, common.Json, parse =>
        {
            var store = common.Store(parse);
            var problems = RegistryDoctor.Check(store).ToList();
            // require: {signed_tags: true} on the protected gate: every alias event must be signed by an allowed signer.
            using (var signing = Pipeline.Git.Signing.SignedAliases.Load(store.RepoPath, null, null, Environment.GetEnvironmentVariable))
            {
                if (signing is not null)
                {
                    problems.AddRange(signing.Problems(store.AllStates()));
                }
            }

            if (parse.GetValue(common.Json))
            {
                JsonOut.Write(console.Out, w =>
                {
                    w.WriteStartObject();
                    w.WriteBoolean("ok", problems.Count == 0);
                    w.WriteStartArray("problems");
                    foreach (var p in problems)
                    {
                        w.WriteStartObject();
                        w.WriteString("code", PipeCodes.RegistryProblems.Id);
                        w.WriteString("kind", p.Kind);
                        RegistryVerb.Str(w, "model", p.Model);
                        w.WriteString("subject", p.Subject);
                        if (p.Line is int line)
                        {
                            w.WriteNumber("line", line);
                        }
                        else
                        {
                            w.WriteNull("line");
                        }

                        w.WriteString("message", p.Message);
                        w.WriteString("fix", p.Fix);
                        w.WriteEndObject();
                    }

                    w.WriteEndArray();
                    w.WriteEndObject();
                });
            }

            foreach (var p in problems)
            {
                console.Error.WriteLine(
                    new Diagnostic(Severity.Error, PipeCodes.RegistryProblems, $"{p.Kind}: {p.Message}", p.Line is null ? null : p.Subject, p.Line)
                        .Canonical());
                console.Error.WriteLine("  fix: " + p.Fix);
            }

            if (problems.Count == 0 && !parse.GetValue(common.Json))
            {
                console.Out.WriteLine("registry ok");
            }

            return problems.Count == 0 ? ExitCodes.Success : ExitCodes.No;
        });
        return command;
    }
}
