namespace Pipeline.Core.Project.Adoption;

/// <summary>
/// A starting <c>gate.yaml</c> in the simple form: valid as written (the gate reader accepts it), strict enough to refuse
/// a diverged run, and marked EDIT where only the user knows the answer (which eval suite, which metric, how good).
/// </summary>
public static class GateYamlText
{
    public static InitFile Render()
    {
        const string file = ProjectConfig.DefaultGateFile;
        string[] lines =
        [
            "# The frozen eval gate, written by `pipeline init`. Promotion reads this file from the protected ref",
            "# (pipeline.yaml gate.protected_ref), so a candidate's branch cannot loosen its own gate. Rules: docs/gate.md.",
            "suite: {name: my-eval, fingerprint: \"my-eval@EDIT\"}   # EDIT: your eval suite and its fingerprint",
            "metric: score                    # EDIT: the key of the eval results' scores to compare",
            "direction: maximize              # or minimize",
            "threshold: 0.0                   # EDIT: the least score a version must reach",
            "health:                          # over the candidate run's metric series",
            "  - {series: loss, nan: forbid}  # a diverged run is never promoted, whatever its score",
        ];
        InitEdit[] edits =
        [
            new(file, 3, "suite", "your eval suite's name and fingerprint (the one your eval results carry)"),
            new(file, 4, "metric", "the score to compare (a key of your eval results' scores)"),
            new(file, 6, "threshold", "the least score a version must reach"),
        ];
        return new InitFile(file, string.Join('\n', lines) + "\n", edits);
    }
}
