
namespace Pipeline.Cli.Tests.Quickstart;

/// <summary>The README's first command must tell the whole story and end well, on a fresh folder.</summary>
public sealed class QuickstartTests
{
    [Fact]
    public void The_demo_tells_the_whole_story()
    {
        var dir = Path.Combine(Path.GetTempPath(), "pipeline-qs-test-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            var result = CliRunner.Run("quickstart", "--dir", dir);

            Assert.True(result.ExitCode == 0, result.Stdout + result.Stderr);
            var output = result.Stdout;
            Assert.Contains("decision: PROMOTE", output);               // the sweep winner beats the baseline
            Assert.Contains("decision: HOLD", output);                  // the diverged challenger is refused...
            Assert.Contains("FAIL  no NaN in loss", output);            // ...with the reason
            Assert.Contains("production: v0.0.2 → v0.0.1", output);     // the rollback
            // history shows both decisions: the promotion (an alias tag) and the refusal (the decision log)
            var history = output[output.IndexOf("$ pipeline history demo", StringComparison.Ordinal)..];
            Assert.Contains("assignment     production: v0.0.1 → v0.0.2", history);
            Assert.Contains("hold           production: v0.0.3 refused, v0.0.2 kept", history);
            Assert.Contains("(no NaN in loss", history);
            Assert.True(
                history.IndexOf("production: v0.0.1 → v0.0.2", StringComparison.Ordinal) < history.IndexOf(
                    "v0.0.3 refused",
                    StringComparison.Ordinal));
            Assert.Single(File.ReadAllLines(Path.Combine(dir, "registry", "demo", "decisions.jsonl")));
            Assert.Contains("Reproducible: 1 version(s) verified", output);
            Assert.Contains("error PIPE2502", output);                  // the tampered copy is caught
            Assert.DoesNotContain("MISMATCH", output);                  // python3 agrees when present
            // One resolve recipe: the real verb, run, answering what production serves after the drill.
            var resolve = output[output.IndexOf("$ pipeline resolve ", StringComparison.Ordinal)..];
            Assert.Contains("v0.0.2", resolve.Split('\n')[1]);
            Assert.DoesNotContain("head -1", output);
            Assert.True(File.Exists(Path.Combine(dir, "registry", "demo", "v0.0.2.json")));
        }
        finally
        {
            TempFolder.Delete(dir);
        }
    }

    [Fact]
    public void A_non_empty_folder_is_refused()
    {
        using var repo = new TempGitRepo();
        repo.Write("keep.txt", "mine");

        var result = CliRunner.Run("quickstart", "--dir", repo.Root);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("not empty", result.Stderr);
        Assert.Equal("mine", File.ReadAllText(Path.Combine(repo.Root, "keep.txt")));
    }
}
