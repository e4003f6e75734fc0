using System.Text;
using Pipeline.Core.Canonical;
using Pipeline.Core.Diagnostics;
using Pipeline.Core.Lineage;

namespace Pipeline.Cli;

/// <summary>
/// <c>pipeline fingerprint --lineage FILE</c> without the command-line parser: the verb training scripts call once per
/// run, where start-up is most of the cost. It loads only Pipeline.Core (no System.CommandLine, System.Text.Json, git,
/// YAML or GitHub code); bench/fingerprint measures it against the Python reference. Output and exit codes are the
/// same as the full verb's (FingerprintCommand); anything else, including --json, goes through the full parser.
/// </summary>
internal static class FingerprintFastPath
{
    public static bool Matches(string[] args) =>
        args.Length == 3
        && args[0] == "fingerprint"
        && args[1] == "--lineage"
        && args[2].Length > 0
        && args[2][0] != '-';

    public static int Run(string path, TextWriter stdout, TextWriter stderr)
    {
        try
        {
            var lineage = Fingerprint.AsLineage(JsonReader.ParseFile(path), path);
            stdout.WriteLine(Fingerprint.Compute(lineage, path));
            stdout.Flush();
            return ExitCodes.Success;
        }
        catch (PipelineException ex)
        {
            var diagnostic = ex.ToDiagnostic();
            var text = new StringBuilder(diagnostic.Canonical()).AppendLine();
            if (!string.IsNullOrEmpty(diagnostic.Hint))
            {
                text.Append("  fix: ").AppendLine(diagnostic.Hint);
            }
            // The same escaping as every verb's text output (the path is user input).
            stderr.Write(Pipeline.Core.Text.TerminalText.Block(text.ToString(), Pipeline.Core.Text.TerminalText.InActions));
            stderr.Flush();
            return ex.Code.ExitCode;
        }
    }
}
