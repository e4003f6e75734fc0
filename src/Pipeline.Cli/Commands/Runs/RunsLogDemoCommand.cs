using System.CommandLine;
using Pipeline.Core.Diagnostics;
using Pipeline.Core.Tracking;

namespace Pipeline.Cli.Commands.Runs;

/// <summary>
/// Hidden: a tiny trainer that logs through <see cref="RunLogger"/> forever (or N points). The crash-safety test
/// kills it mid-run and checks the run is readable and reported unfinished.
/// </summary>
internal static class RunsLogDemoCommand
{
    public static Command Build(CliConsole console)
    {
        var points = new Option<long>("--points") { Description = "Points to log (0 = until killed).", DefaultValueFactory = _ => 0 };
        var delay = new Option<int>("--delay-ms") { Description = "Pause between steps.", DefaultValueFactory = _ => 1 };
        var repo = Verb.RepoOption();
        var command = new Command("log-demo", "Log a synthetic run through the tracking API (for crash tests).") { points, delay, repo };
        command.Hidden = true;
        command.SetAction(parse =>
        {
            using var run = RunLogger.Start(RunsRepo.Root(parse.GetValue(repo)), "log-demo", "demo", "sft",
                [new("lr", 2e-5), new("lora_r", 16)]);
            console.Out.WriteLine(run.Id);
            console.Out.Flush();
            var n = parse.GetValue(points);
            for (long step = 0; n == 0 || step < n; step++)
            {
                run.LogMetric("loss", 2.0 / (step + 1), step);
                run.LogMetric("reward", Math.Sin(step), step);
                if (parse.GetValue(delay) > 0)
                {
                    Thread.Sleep(parse.GetValue(delay));
                }
            }

            run.Finish();
            return ExitCodes.Success;
        });
        return command;
    }
}
