using System.Text.Json;
using Pipeline.Core.Evals;
using Pipeline.Core.Tracking;

namespace Pipeline.Cli.Tests.Gate;

/// <summary>
/// The whole story through the real verbs: a 4-run sweep, the winner registered and promoted over the champion,
/// a second challenger refused by the gate with the reason printed, and the history carrying the decision.
/// </summary>
public sealed class StoryTests : IDisposable
{
    private readonly TempGitRepo _repo = new();

    public void Dispose() => _repo.Dispose();

    private string Eval(string fingerprint, double score)
    {
        var path = Path.Combine(_repo.Root, "..", Path.GetFileName(_repo.Root) + $"-eval-{fingerprint[..8]}.json");
        var text = score.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
        File.WriteAllText(
            path,
            $$"""{"suite": {"name": "mmlu", "fingerprint": "mmlu@abcd"}, "evaluated": "{{fingerprint}}", "scores": {"mmlu": {{text}} } }""");
        return path;
    }

    [Fact]
    public async Task Sweep_register_promote_and_refuse()
    {
        _repo.Write("gate.yaml", "suite: {name: mmlu, fingerprint: \"mmlu@abcd\"}\nmetric: mmlu\ndirection: maximize\nthreshold: 0.60\n");
        _repo.Commit("protected gate");
        // Every version trained at one commit (seed i), registered from its sources so each re-verifies and may be promoted.
        ReviewedLineage.EnsureSources(_repo);
        var trained = _repo.Head;
        var fps = Enumerable.Range(0, 5).Select(i => ReviewedLineage.For(_repo, $"seed-{i}", rev: trained).Fingerprint).ToArray();
        string[] Sources(int i) =>
        [
            .. ReviewedLineage.RegisterArgs($"seed-{i}", trained),
            "--artifact", $"s3://bucket/adapter-{i}.safetensors", "--artifact-sha256",
            Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes($"adapter-{i}"))),
        ];
        var cleanup = new List<string>();
        try
        {
            // The sweep: four runs, each with an eval of its own model; run-2 wins, run-3 claims 0.99 about itself.
            var runs = Path.Combine(_repo.Root, "..", Path.GetFileName(_repo.Root) + "-runs");
            Directory.CreateDirectory(runs);
            cleanup.Add(runs);
            double[] scores = [0.62, 0.66, 0.74, 0.69];
            for (var i = 0; i < 4; i++)
            {
                var run = new RunRecord
                {
                    Id = $"run-{i}",
                    Name = $"run-{i}",
                    Status = RunStatus.Finished,
                    Start = DateTimeOffset.UnixEpoch.AddMinutes(i),
                    Fingerprint = fps[i + 1],
                    Evals = [new EvalResult(new Suite("mmlu", "mmlu@abcd"), fps[i + 1], new Dictionary<string, double> { ["mmlu"] = scores[i] })],
                    Metrics = new SortedDictionary<string, MetricSummary>(StringComparer.Ordinal)
                    {
                        ["mmlu"] = new MetricSummary(i == 3 ? 0.99 : scores[i], 1, null, null, 1, 0, 0)
                    },
                };
                File.WriteAllBytes(Path.Combine(runs, $"run-{i}.json"), RunRecordWriter.ToUtf8(run));
            }

            var select = await CliRunner.RunAsync("select", runs, "--metric", "mmlu", "--maximize", "--json");
            Assert.True(select.ExitCode == 0, select.Stderr);
            Assert.Equal("run-2", JsonDocument.Parse(select.Stdout).RootElement.GetProperty("winner").GetString());

            // The champion in production, then the sweep's winner and a weaker challenger registered after it.
            var evals = new[] { Eval(fps[0], 0.64), Eval(fps[3], 0.74), Eval(fps[4], 0.69) };
            cleanup.AddRange(evals);
            Assert.Equal(
                0,
                (await CliRunner.RunAsync(
                    ["register", "demo", .. Sources(0), "--eval", evals[0], "--version", "v1.0.0", "--repo", _repo.Root])).ExitCode);
            Assert.Equal(
                0,
                (await CliRunner.RunAsync("assign", "demo", "--version", "v1.0.0", "--alias", "production", "--repo", _repo.Root)).ExitCode);
            var reg = await CliRunner.RunAsync(["register", "demo", .. Sources(3), "--eval", evals[1], "--version", "v1.1.0", "--repo", _repo.Root]);
            Assert.True(reg.ExitCode == 0, reg.Stderr);

            var promote = await CliRunner.RunAsync("promote", "demo", "--version", "v1.1.0", "--alias", "production", "--repo", _repo.Root);
            Assert.True(promote.ExitCode == 0, promote.Stdout + promote.Stderr);
            Assert.Contains("v1.0.0 → v1.1.0", promote.Stdout);

            Assert.Equal(
                0,
                (await CliRunner.RunAsync(
                    ["register", "demo", .. Sources(4), "--eval", evals[2], "--version", "v1.2.0", "--repo", _repo.Root])).ExitCode);
            var refused = await CliRunner.RunAsync("promote", "demo", "--version", "v1.2.0", "--alias", "production", "--repo", _repo.Root);
            Assert.Equal(1, refused.ExitCode);
            Assert.Contains("0.69 does not beat champion v1.1.0 0.74", refused.Stderr);

            var history = await CliRunner.RunAsync("history", "demo", "--repo", _repo.Root, "--json");
            Assert.True(history.ExitCode == 0, history.Stderr);
            Assert.Contains("gate-decision-v1", history.Stdout);
            Assert.Contains("\"beats\"", history.Stdout);
        }
        finally
        {
            foreach (var p in cleanup)
            {
                if (Directory.Exists(p))
                {
                    Directory.Delete(p, true);
                }
                else
                {
                    File.Delete(p);
                }
            }
        }
    }
}
