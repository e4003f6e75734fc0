using System.Globalization;
using System.Text;

namespace Pipeline.Cli.Commands.Quickstart;

/// <summary>
/// One run of the demo's learning-rate sweep: its config, the eval score its model gets on the frozen suite, and a
/// synthetic loss curve (deterministic, so the demo prints the same tables everywhere).
/// </summary>
internal sealed record SweepRun(string Lr, double Score, bool Diverges, int Hour)
{
    public const string SuiteName = "mmlu-mini";
    public const string SuiteFingerprint = "sha256:9f3e2a71c5d04b6e";

    /// <summary>The baseline already in production before the sweep.</summary>
    public static SweepRun Baseline { get; } = new("2.0e-5", 0.61, false, 0);

    public static IReadOnlyList<SweepRun> Sweep { get; } =
    [
        new("1.0e-5", 0.58, false, 1),
        new("3.0e-5", 0.66, false, 2),
        new("5.0e-5", 0.71, false, 3),
        new("8.0e-5", 0.69, false, 4),
    ];

    /// <summary>A later challenger with a higher score whose training diverged: the gate must refuse it.</summary>
    public static SweepRun Diverged { get; } = new("1.0e-4", 0.74, true, 30);

    public string Name => "sft-lr" + Lr.Replace(".0", "", StringComparison.Ordinal);

    /// <summary>The run as the trainer's JSONL log: a header (params, lineage, artifact, eval) then one line per step.</summary>
    public string Jsonl(string lineageJson, string fingerprint, string artifact)
    {
        var lr = double.Parse(Lr, CultureInfo.InvariantCulture);
        var sb = new StringBuilder();
        sb.Append("{\"name\": \"").Append(Name).Append("\", \"experiment\": \"sft-lr-sweep\", \"method\": \"sft\", ")
          .Append("\"params\": {\"lr\": ").Append(Lr).Append(", \"lora_r\": 16, \"epochs\": 3}, ")
          .Append("\"lineage\": ").Append(lineageJson).Append(", ")
          .Append("\"artifacts\": [\"").Append(artifact).Append("\"], ")
          .Append("\"evals\": [{\"suite\": {\"name\": \"").Append(SuiteName).Append("\", \"fingerprint\": \"").Append(SuiteFingerprint)
          .Append("\"}, \"evaluated\": \"").Append(fingerprint).Append("\", \"scores\": {\"mmlu\": ")
          .Append(Score.ToString("R", CultureInfo.InvariantCulture)).Append("}}]}\n");
        for (var step = 0; step <= 30; step++)
        {
            var loss = 2.4 * Math.Exp(-step * lr * 2500) + 0.35 + 0.01 * (step % 3);
            var text = Diverges && step >= 24 ? "NaN" : loss.ToString("0.####", CultureInfo.InvariantCulture);
            sb.Append("{\"step\": ").Append(step).Append(", \"time\": ").Append(1767600000 + Hour * 3600 + step * 60)
              .Append(", \"loss\": ").Append(text).Append(", \"lr\": ").Append(Lr).Append("}\n");
        }

        return sb.ToString();
    }

    /// <summary>The eval result file for the registered version (the harness writes one per evaluated model).</summary>
    public string EvalJson(string fingerprint) =>
        "{\"suite\": {\"name\": \"" + SuiteName + "\", \"fingerprint\": \"" + SuiteFingerprint + "\"}, \"evaluated\": \"" + fingerprint
        + "\", \"scores\": {\"mmlu\": " + Score.ToString("R", CultureInfo.InvariantCulture) + "}}\n";
}
