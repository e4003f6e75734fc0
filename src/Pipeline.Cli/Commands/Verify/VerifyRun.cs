using Pipeline.Core.Verify;
using Pipeline.Git.Verify;

namespace Pipeline.Cli.Commands.Verify;

/// <summary>Composes the verifier with the lineage source checks; kept apart so git types load only for verify.</summary>
internal static class VerifyRun
{
    public static VerifyReport Execute(string repoPath, VerifyOptions options) =>
        new Verifier(repoPath, options).Run();
}
