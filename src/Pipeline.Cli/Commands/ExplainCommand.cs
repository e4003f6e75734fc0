using System.CommandLine;
using System.Text;
using Pipeline.Cli.Output;
using Pipeline.Core.Diagnostics;

namespace Pipeline.Cli.Commands;

/// <summary>
/// <c>pipeline explain [PIPE1234]</c>: what a code means, its exit code and the fix; without a code, the whole
/// catalogue (<c>--markdown</c> prints the table of docs/diagnostics.md, so the docs cannot drift from the code).
/// </summary>
internal static class ExplainCommand
{
    public static Command Build(CliConsole console)
    {
        var code = new Argument<string?>("code") { Description = "A diagnostic code such as PIPE2003.", Arity = ArgumentArity.ZeroOrOne };
        var markdown = new Option<bool>("--markdown") { Description = "Print the catalogue as a Markdown table." };
        var json = Verb.JsonOption();
        var command = new Command("explain", "Explain a PIPE diagnostic code, or list them all.") { code, markdown, json };
        Verb.SetAction(command, console, json, parse =>
        {
            var wanted = parse.GetValue(code);
            IReadOnlyList<PipeCode> codes = PipeCodes.All;
            if (wanted is not null)
            {
                var id = wanted.Trim().ToUpperInvariant();
                if (!id.StartsWith("PIPE", StringComparison.Ordinal))
                {
                    id = "PIPE" + id.PadLeft(4, '0');
                }

                var found = PipeCodes.Find(id)
                    ?? throw new PipelineException(PipeCodes.UsageError, $"unknown diagnostic code '{wanted}'", null, null,
                        "Run 'pipeline explain' to list every code.");
                codes = [found];
            }

            if (parse.GetValue(json))
            {
                JsonOut.Write(console.Out, w =>
                {
                    w.WriteStartArray();
                    foreach (var c in codes)
                    {
                        w.WriteStartObject();
                        w.WriteString("code", c.Id);
                        w.WriteString("title", c.Title);
                        w.WriteNumber("exit_code", c.ExitCode);
                        w.WriteString("fix", c.Fix);
                        w.WriteEndObject();
                    }

                    w.WriteEndArray();
                });
            }
            else if (parse.GetValue(markdown))
            {
                console.Out.Write(Markdown(codes));
            }
            else
            {
                foreach (var c in codes)
                {
                    console.Out.WriteLine($"{c.Id} (exit {c.ExitCode}): {c.Title}");
                    console.Out.WriteLine($"  fix: {c.Fix}");
                }
            }

            return ExitCodes.Success;
        });
        return command;
    }

    internal static string Markdown(IEnumerable<PipeCode> codes)
    {
        var sb = new StringBuilder("| code | exit | meaning | fix |\n|---|---|---|---|\n");
        foreach (var c in codes)
        {
            sb.Append("| ").Append(c.Id).Append(" | ").Append(c.ExitCode).Append(" | ").Append(c.Title.Replace("|", "\\|", StringComparison.Ordinal))
              .Append(" | ").Append(c.Fix.Replace("|", "\\|", StringComparison.Ordinal)).Append(" |\n");
        }

        return sb.ToString();
    }
}
