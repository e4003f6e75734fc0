using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Pipeline.Core.Canonical;
using Pipeline.Core.Evals;
using Pipeline.Core.Tracking;

namespace Pipeline.Cli.Tests.Runs;

/// <summary>
/// python/pipeline_run.py, the file a Python trainer vendors: a run it writes (lineage from the real CLI's
/// `fingerprint --json` on a real git repository) and then `runs ingest` reads is the same run as the one the .NET
/// RunLogger writes from the same calls: params with their typing, tags, summaries, every series point, lineage,
/// fingerprint and evals.
/// </summary>
public sealed class PythonTrainerTests
{
    // 0.5 s apart: times both sides keep exactly (the ledger stores milliseconds).
    private const double T0 = 1732540000.5;

    [Fact]
    public async Task A_run_written_by_pipeline_run_py_ingests_equal_to_the_same_run_logged_by_RunLogger()
    {
        using var repo = new RunsTestRepo();
        File.WriteAllText(Path.Combine(repo.Root, "params.yaml"), "train:\n  lr: 2e-5\n  packing: yes\n  lora_r: 16\n");
        repo.Git("add", "-A");
        repo.Git("commit", "-q", "-m", "config");
        var cli = Path.Combine(AppContext.BaseDirectory, "pipeline.dll");
        var script = Path.Combine(repo.Root, "train.py");
        File.WriteAllText(script, $$"""
            import json, sys
            sys.path.insert(0, {{Py(Path.Combine(RepoPaths.Root, "python"))}})
            from pipeline_run import Run, fingerprint_from_cli
            fp = fingerprint_from_cli(["--config", "params.yaml#train", "--data-version", "sft-mix-v3",
                                       "--base-model", "Qwen/Qwen3-8B", "--seed", "7"],
                                      cli=["dotnet", {{Py(cli)}}], cwd={{Py(repo.Root)}})
            params = {"lr": 2e-5, "lora_r": 16, "packing": True, "ratio": 0.1, "target_modules": ["q_proj", "v_proj"], "sched": {"warmup": 100} }
            with Run("out/sft.jsonl", name="sft-lr2e-5", experiment="sft", method="sft", params=params, tags={"gpu": "a100"},
                     lineage=fp["lineage"]) as run:
                for step in range(40):
                    loss = float("nan") if step == 13 else 2.5 / (step + 1)
                    run.log_metrics({"loss": loss, "reward": step * 0.25 - 3}, step=step,
                                    wall_time={{T0.ToString(CultureInfo.InvariantCulture)}} + step * 0.5)
                run.log_metric("loss", 0.125, step=20, wall_time={{T0.ToString(CultureInfo.InvariantCulture)}} + 30)
                run.log_eval("mmlu", "mmlu@abcd", {"mmlu": 0.61, "acc": 1}, evaluated=fp["fingerprint"])
            print(json.dumps(fp))
            """);
        var python = RunPython(script, repo.Root);
        var fingerprint = JsonDocument.Parse(python).RootElement;
        // The CLI typed the config as YAML 1.2: 2e-5 a float, yes a string (PyYAML would have said "2e-5" and True).
        Assert.Equal(2e-5, fingerprint.GetProperty("lineage").GetProperty("config").GetProperty("lr").GetDouble());
        Assert.Equal("yes", fingerprint.GetProperty("lineage").GetProperty("config").GetProperty("packing").GetString());

        var ingest = await repo.Run("runs", "ingest", Path.Combine(repo.Root, "out", "sft.jsonl"), "--json");
        Assert.True(ingest.ExitCode == 0, ingest.Stderr);
        var ledger = RunLedger.ForRepository(repo.Root);
        var fromPython = ledger.Read(JsonDocument.Parse(ingest.Stdout).RootElement.GetProperty("id").GetString()!);

        using var dotnetFolder = new RunsTestRepo();
        string id;
        using (var run = RunLogger.Start(dotnetFolder.Root, "sft-lr2e-5", "sft", "sft", new Dictionary<string, object?>
        {
            ["lr"] = 2e-5, ["lora_r"] = 16, ["packing"] = true, ["ratio"] = 0.1, ["target_modules"] = new[] { "q_proj", "v_proj" },
            ["sched"] = new Dictionary<string, object?> { ["warmup"] = 100 },
        }))
        {
            id = run.Id;
            run.SetTag("gpu", "a100");
            run.SetLineage((ObjectValue)JsonReader.Parse(fingerprint.GetProperty("lineage").GetRawText(), "fingerprint --json"));
            for (var step = 0; step < 40; step++)
            {
                run.LogMetric("loss", step == 13 ? double.NaN : 2.5 / (step + 1), step, At(T0 + (step * 0.5)));
                run.LogMetric("reward", (step * 0.25) - 3, step, At(T0 + (step * 0.5)));
            }

            run.LogMetric("loss", 0.125, 20, At(T0 + 30));
            run.LogEval(new EvalResult(new Suite("mmlu", "mmlu@abcd"), fingerprint.GetProperty("fingerprint").GetString()!,
                new Dictionary<string, double> { ["mmlu"] = 0.61, ["acc"] = 1 }));
            run.Finish();
        }

        var fromDotnet = RunLedger.ForRepository(dotnetFolder.Root).Read(id);
        Assert.Equal((fromDotnet.Name, fromDotnet.Experiment, fromDotnet.Method, fromDotnet.Status),
            (fromPython.Name, fromPython.Experiment, fromPython.Method, fromPython.Status));
        Assert.Equal(CanonicalJson.Write(fromDotnet.Params), CanonicalJson.Write(fromPython.Params));
        Assert.Equal(fromDotnet.Tags, fromPython.Tags);
        Assert.Equal(fromDotnet.Metrics, fromPython.Metrics);
        Assert.Equal(1, fromPython.Metrics["loss"].NaN);
        Assert.Equal(41, fromPython.Metrics["loss"].Count); // step 20 logged twice: both points are kept
        Assert.Equal(fromDotnet.SeriesPoints, fromPython.SeriesPoints);
        Assert.Equal(
            RunLedger.ForRepository(dotnetFolder.Root).Series(id).Read().Select(Text),
            ledger.Series(fromPython.Id).Read().Select(Text));
        Assert.Equal(CanonicalJson.Write(fromDotnet.Lineage!), CanonicalJson.Write(fromPython.Lineage!));
        Assert.Equal(fingerprint.GetProperty("fingerprint").GetString(), fromPython.Fingerprint);
        Assert.Equal(fromDotnet.Fingerprint, fromPython.Fingerprint);
        var (pythonEval, dotnetEval) = (Assert.Single(fromPython.Evals), Assert.Single(fromDotnet.Evals));
        Assert.Equal((dotnetEval.Suite, dotnetEval.Evaluated), (pythonEval.Suite, pythonEval.Evaluated));
        Assert.Equal(dotnetEval.Scores.OrderBy(s => s.Key), pythonEval.Scores.OrderBy(s => s.Key));
    }

    private static string Text(MetricPoint p) =>
        string.Create(CultureInfo.InvariantCulture, $"{p.Key} {p.Step} {p.Wall:R} {p.Value:R}");

    private static DateTime At(double seconds) => DateTime.UnixEpoch.AddMilliseconds(Math.Round(seconds * 1000));

    private static string Py(string text) => JsonSerializer.Serialize(text); // a JSON string is a Python string literal

    private static string RunPython(string script, string workingDirectory)
    {
        var start = new ProcessStartInfo("python3")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true
        };
        start.ArgumentList.Add(script);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"python3 train.py exited {process.ExitCode}:\n{error}");
        return output.Result;
    }
}
