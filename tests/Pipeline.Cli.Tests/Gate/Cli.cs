namespace Pipeline.Cli.Tests.Gate;

internal sealed record CliResult(int Exit, string Out, string Err);

internal static class Cli
{
    public static async Task<CliResult> Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var exit = await CliApp.RunAsync(args, stdout, stderr);
        return new CliResult(exit, stdout.ToString(), stderr.ToString());
    }
}
