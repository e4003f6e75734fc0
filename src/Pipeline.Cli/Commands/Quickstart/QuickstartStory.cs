namespace Pipeline.Cli.Commands.Quickstart;

/// <summary>The demo's chapters, in the order a team meets them.</summary>
internal sealed class QuickstartStory(CliConsole console, string root)
{
    private readonly DemoRepository _repo = new(root);
    private readonly Narrator _n = new(console, root);

    private static readonly string[] Lineage = ["--config", "params.yaml#train", "--dvc-lock", "dvc.lock", "--base-model", "Qwen/Qwen3-8B", "--seed", "0"];

    public void Tell()
    {
        console.Out.WriteLine("Pipeline quickstart: a LoRA SFT project from lineage to a governed production model.");
        _repo.Create();
        console.Out.WriteLine($"Demo repository: {root}");
        Fingerprints();
        console.Out.WriteLine();
        console.Out.WriteLine($"Done. Explore the demo repository with git and pipeline: cd {root}");
    }

    private void Fingerprints()
    {
        _n.Step("Lineage and fingerprint",
            "Five facts make a model reproducible: data_version (hashed from dvc.lock's data inputs), code_commit, config, base_model and seed.");
        _n.Run(0, ["fingerprint", .. Lineage, "--json"]);
        var original = _n.Query(["fingerprint", .. Lineage]).GetProperty("fingerprint").GetString();
        _n.Say("A Python training script computes the same value with the standard library: see samples/demo/src/lineage.py.");

        _n.Step("What changes the fingerprint", "Any single fact: a new seed, or one changed data hash in dvc.lock.");
        var seed = _n.Query(["fingerprint", .. Lineage[..^1], "1"]).GetProperty("fingerprint").GetString();
        _n.Say($"seed 0 → {original}");
        _n.Say($"seed 1 → {seed}");
        var lockText = _repo.Read("dvc.lock");
        _repo.Git("checkout", "-q", "-b", "what-if");
        _repo.Write("dvc.lock", lockText.Replace("5c1b5e3d2f0a4b8c9d7e6f5a4b3c2d1e", "6d2c6f4e3a1b5c9d0e8f7a6b5c4d3e2f", StringComparison.Ordinal));
        _repo.Commit("what if one data file changed");
        var data = _n.Query(["fingerprint", .. Lineage]).GetProperty("fingerprint").GetString();
        _n.Say($"one data hash changed → {data}");
        _repo.Git("checkout", "-q", "main");
        _repo.Git("branch", "-q", "-D", "what-if");
    }
}
