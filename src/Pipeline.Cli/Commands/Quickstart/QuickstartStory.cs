namespace Pipeline.Cli.Commands.Quickstart;

/// <summary>
/// The demo's chapters, in the order a team meets them: lineage, tracking a sweep, the registry, the frozen gate,
/// a rollback drill, and the pull-request check. Every command is a real verb run against a real git repository.
/// </summary>
internal sealed class QuickstartStory(CliConsole console, string root)
{
    private const string Model = "demo";
    private readonly DemoRepository _repo = new(root);
    private readonly Narrator _n = new(console, root);

    public void Tell()
    {
        console.Out.WriteLine("Pipeline quickstart: a LoRA SFT project, from lineage to a governed production model.");
        _repo.Create();
        console.Out.WriteLine($"Demo repository: {root} (samples/demo, committed; pipeline.yaml holds the lineage defaults)");
        Fingerprints();
        Baseline();
        var winner = Sweep();
        PromoteWinner(winner);
        RefuseDivergedChallenger();
        RollbackDrill();
        PullRequestCheck();
        console.Out.WriteLine();
        console.Out.WriteLine($"Done. The demo repository stays at {root}: try `git tag -l`, `git log --oneline`, or any pipeline verb there.");
    }

    private void Fingerprints()
    {
        _n.Step("Lineage and fingerprint",
            "Five facts make a model reproducible: data_version (hashed from dvc.lock's data inputs), code_commit, config, base_model, seed.");
        var result = _n.Run(0, "fingerprint", "--json");
        var fingerprint = System.Text.Json.JsonDocument.Parse(result.Stdout).RootElement.GetProperty("fingerprint").GetString()!;
        PythonAgrees(result.Stdout, fingerprint);

        _n.Step("What changes the fingerprint", "Any single fact: a new seed, or one changed data hash in dvc.lock.");
        var seed = _n.Query("fingerprint", "--seed", "1").GetProperty("fingerprint").GetString();
        _n.Say($"seed 0                → {fingerprint}");
        _n.Say($"seed 1                → {seed}");
        var lockText = _repo.Read("dvc.lock");
        _repo.Git("checkout", "-q", "-b", "what-if");
        _repo.Write("dvc.lock", lockText.Replace("5c1b5e3d2f0a4b8c9d7e6f5a4b3c2d1e", "6d2c6f4e3a1b5c9d0e8f7a6b5c4d3e2f", StringComparison.Ordinal));
        _repo.Commit("what if one data file changed");
        var data = _n.Query("fingerprint").GetProperty("fingerprint").GetString();
        _n.Say($"one data hash changed → {data}");
        _repo.Git("checkout", "-q", "main");
        _repo.Git("branch", "-q", "-D", "what-if");
    }

    /// <summary>The Python reference (samples/demo/src/lineage.py) prints the same fingerprint, when python3 is here.</summary>
    private void PythonAgrees(string fingerprintJson, string fingerprint)
    {
        var lineageFile = Path.Combine(root, ".git", "demo-lineage.json");
        File.WriteAllText(lineageFile, System.Text.Json.JsonDocument.Parse(fingerprintJson).RootElement.GetProperty("lineage").GetRawText());
        try
        {
            var psi = new System.Diagnostics.ProcessStartInfo("python3")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                WorkingDirectory = root
            };
            psi.ArgumentList.Add("src/lineage.py");
            psi.ArgumentList.Add(lineageFile);
            using var p = System.Diagnostics.Process.Start(psi)!;
            var python = p.StandardOutput.ReadToEnd().Trim();
            p.WaitForExit();
            _n.Say(python == fingerprint
                ? $"python3 src/lineage.py (standard library only) prints the same: {python}"
                : $"python3 src/lineage.py printed {python}: MISMATCH, please report this");
        }
        catch (System.ComponentModel.Win32Exception)
        {
            _n.Say("(python3 is not installed here; src/lineage.py would print the same value)");
        }
    }

    private void Baseline()
    {
        _n.Step("Register the baseline and make it production",
            "A version is an immutable JSON record committed to registry/demo/ plus the GTO tag demo@v0.0.1; aliases are tags too.");
        var b = SweepRun.Baseline;
        var fingerprint = _n.Query("fingerprint").GetProperty("fingerprint").GetString()!;
        _repo.Write($"models/{b.Name}.safetensors", "adapter " + b.Name);
        _repo.Write($"evals/{b.Name}.json", b.EvalJson(fingerprint));
        _n.Run(0, "register", Model, "--artifact", $"models/{b.Name}.safetensors", "--eval", Path.Combine(root, "evals", b.Name + ".json"),
            "--description", "baseline lr 2e-5");
        _n.Run(0, "assign", Model, "--version", "v0.0.1", "--alias", "production", "--reason", "baseline before the sweep");
    }

    private string Sweep()
    {
        _n.Step("Track a learning-rate sweep",
            "Each run trains from its own commit; its log (params, lineage, loss series, eval result) is ingested into the run ledger.");
        var ids = new List<string>();
        foreach (var run in SweepRun.Sweep)
        {
            ids.Add(TrainAndIngest(run));
        }

        _n.Run(0, ["runs", "compare", .. ids, "--metric", "loss", "--format", "md"]);

        _n.Step(
            "Pick the sweep winner",
            "Only eval results on one suite, about each run's own model, are compared; a run's self-reported metrics never count.");
        var select = _n.Run(0, ["select", .. ids, "--metric", "mmlu", "--maximize", "--json"]);
        var winnerId = System.Text.Json.JsonDocument.Parse(select.Stdout).RootElement.GetProperty("winner").GetString()!;
        return winnerId;
    }

    private string TrainAndIngest(SweepRun run)
    {
        SetLearningRate(run.Lr);
        _repo.Commit($"train {run.Name}");
        var fp = _n.Query("fingerprint");
        var fingerprint = fp.GetProperty("fingerprint").GetString()!;
        _repo.Write($"models/{run.Name}.safetensors", "adapter " + run.Name);
        _repo.Write($"evals/{run.Name}.json", run.EvalJson(fingerprint));
        var log = _repo.Write(
            $"logs/{run.Name}.jsonl",
            run.Jsonl(Compact(fp.GetProperty("lineage")), fingerprint, $"../models/{run.Name}.safetensors"));
        var ingested = _n.Query("runs", "ingest", log, "--commit");
        _n.Say(
            $"{run.Name}: commit {_repo.Git("rev-parse", "--short", "HEAD~1").Trim()} → run {ingested.GetProperty("id").GetString()} (lineage " +
            $"{fingerprint[..12]}…, mmlu {run.Score})");
        return ingested.GetProperty("id").GetString()!;
    }

    /// <summary>The element as one line of JSON (what JsonSerializer.Serialize gives, without its reflection: AOT-safe).</summary>
    private static string Compact(System.Text.Json.JsonElement element)
    {
        using var buffer = new MemoryStream();
        using (var writer = new System.Text.Json.Utf8JsonWriter(buffer))
        {
            element.WriteTo(writer);
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    private void PromoteWinner(string winnerId)
    {
        var winner = _n.Query("runs", "show", winnerId);
        var name = winner.GetProperty("name").GetString()!;
        var run = SweepRun.Sweep.Single(r => r.Name == name);
        var commit = winner.GetProperty("lineage").GetProperty("code_commit").GetString()!;

        _n.Step("Register the winner and promote it through the gate",
            "gate.yaml is read from the protected ref (main); the challenger must pass every rule and strictly beat the champion on the same suite.");
        _n.Run(
            0,
            "register",
            Model,
            "--rev",
            commit,
            "--artifact",
            $"models/{name}.safetensors",
            "--eval",
            Path.Combine(root, "evals", name + ".json"),
            "--run", winnerId, "--description", $"sweep winner {name}");
        // No --run: the record links the run it was registered with, and the gate reads that run's series.
        _n.Run(0, "promote", Model, "--version", "v0.0.2", "--alias", "production");
        _ = run;
    }

    private void RefuseDivergedChallenger()
    {
        _n.Step("A challenger with a better score, refused",
            "A longer run at lr 1e-4 scores 0.74 on the suite, but its loss went NaN: the gate's health rules hold the champion. "
            + "The refusal is kept too: one line appended to registry/demo/decisions.jsonl, in one commit, with no tag and no alias moved.");
        var d = SweepRun.Diverged;
        var id = TrainAndIngest(d);
        _n.Run(0, "register", Model, "--artifact", $"models/{d.Name}.safetensors", "--eval", Path.Combine(root, "evals", d.Name + ".json"),
            "--run", id, "--description", $"challenger {d.Name}");
        _n.Run(1, "promote", Model, "--version", "v0.0.3", "--alias", "production");
    }

    private void RollbackDrill()
    {
        _n.Step("Rollback drill and the audit trail",
            "Every alias move is a new tag (nothing is force-moved), so a rollback is one more event; the history shows every "
            + "promotion, the gate's refusal (from the decision log) and the rollback.");
        _n.Run(0, "rollback", Model, "--alias", "production", "--reason", "incident drill");
        _n.Run(0, "show", Model + "#production");
        _n.Run(0, "assign", Model, "--version", "v0.0.2", "--alias", "production", "--reason", "drill over: back to the sweep winner");
        _n.Run(0, "history", Model);
        _n.Say("A serving job asks what production serves (the highest counter wins; an unassign empties the alias, a rollback is");
        _n.Say("one more event). With git alone, docs/recipes/resolve-alias.sh gives the same answer after every move:");
        _n.Run(0, "resolve", Model + "#production");
    }

    private void PullRequestCheck()
    {
        _n.Step("The pull-request check that blocks unreproducible models",
            "`pipeline verify` recomputes every version a change adds from the repository at its own commit.");
        _repo.Git("checkout", "-q", "-b", "pr/register-lr3e-5");
        var run = SweepRun.Sweep[1];
        var commit = _n.Query("runs", "list").GetProperty("runs").EnumerateArray()
            .First(r => r.GetProperty("name").GetString() == run.Name).GetProperty("lineage").GetProperty("code_commit").GetString()!;
        _n.Query("register", Model, "--rev", commit, "--artifact", $"models/{run.Name}.safetensors", "--version", "v0.1.0");
        _n.Say("On branch pr/register-lr3e-5, v0.1.0 was registered from the lr 3e-5 run's commit.");
        _n.Run(0, "verify", "--base", "main");

        _repo.Git("checkout", "-q", "-b", "pr/tampered", "main");
        var record = _repo.Git("show", "pr/register-lr3e-5:registry/demo/v0.1.0.json");
        var tampered = record.Replace("\"seed\": 0", "\"seed\": 7", StringComparison.Ordinal);
        _repo.Write("registry/demo/v0.1.0.json", tampered);
        _repo.Commit("register v0.1.0 (hand-edited seed)");
        _n.Say("On branch pr/tampered, a copy of that record with its seed edited by hand:");
        _n.Run(1, "verify", "--base", "main");
        _repo.Git("checkout", "-q", "main");
    }

    private void SetLearningRate(string lr)
    {
        var lines = _repo.Read("params.yaml").Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].TrimStart().StartsWith("lr:", StringComparison.Ordinal))
            {
                lines[i] = "  lr: " + lr;
            }
        }

        _repo.Write("params.yaml", string.Join('\n', lines));
    }
}
