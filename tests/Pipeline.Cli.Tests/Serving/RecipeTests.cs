using System.Diagnostics;

namespace Pipeline.Cli.Tests.Serving;

/// <summary>
/// The standalone recipes in docs/recipes/ (bash with git only; Python with the standard library) give the CLI's
/// answer on one registry walked through assign, unassign, rollback, tags whose times disagree with their counters,
/// a lightweight tag and a deprecation. The docs show the same files (checked here, so they never drift).
/// </summary>
public sealed class RecipeTests : IDisposable
{
    private static readonly string Bash = Path.Combine(RepoPaths.Root, "docs", "recipes", "resolve-alias.sh");
    private static readonly string Python = Path.Combine(RepoPaths.Root, "docs", "recipes", "resolve_alias.py");
    private readonly ServingRepo _repo = new();

    public void Dispose() => _repo.Dispose();

    [Fact]
    public void Both_recipes_agree_with_resolve_through_every_move()
    {
        _repo.Register("--artifact", "s3://b/1", "--artifact-sha256", ServingRepo.Sha256("1"));
        _repo.Register("--artifact", "s3://b/2", "--artifact-sha256", ServingRepo.Sha256("2"));
        _repo.Register("--artifact", "s3://b/3", "--artifact-sha256", ServingRepo.Sha256("3"));
        var steps = new List<(string Step, string Expected)>();
        void Check(string step, string expected)
        {
            steps.Add((step, expected));
            foreach (var alias in new[] { "production", "staging" })
            {
                var cli = _repo.Cli("resolve", $"demo#{alias}", "--json");
                var cliAnswer = cli.ExitCode == 0
                    ? cli.Json.GetProperty("version").GetString() + " " + cli.Json.GetProperty("artifact").GetProperty("sha256").GetString()
                    : $"exit {cli.ExitCode}";
                if (alias == "production")
                {
                    Assert.StartsWith(expected, cliAnswer);
                }

                var bash = Recipe("bash", Bash, alias);
                var python = Recipe("python3", Python, alias);
                Assert.True(cliAnswer == bash, $"{step}, {alias}: bash says '{bash}', resolve says '{cliAnswer}'");
                Assert.True(cliAnswer == python, $"{step}, {alias}: python says '{python}', resolve says '{cliAnswer}'");
            }
        }

        Check("no alias yet", "exit 2");
        _repo.Ok("assign", "demo", "--version", "v0.0.1", "--alias", "production");
        Check("assign", "v0.0.1");
        _repo.Ok("assign", "demo", "--version", "v0.0.2", "--alias", "production");
        _repo.Ok("assign", "demo", "--version", "v0.0.1", "--alias", "staging");
        Check("promote", "v0.0.2");
        _repo.Ok("unassign", "demo", "--alias", "production", "--reason", "incident");
        Check("unassign", "exit 1");
        _repo.Ok("rollback", "demo", "--alias", "production");
        Check("rollback", "v0.0.2");

        // Out of order: #10 (v0.0.3) is tagged a day before #9 (v0.0.1); the counter decides, not the clock.
        var v3 = _repo.Git("rev-parse", "demo@v0.0.3^{commit}").Trim();
        var v1 = _repo.Git("rev-parse", "demo@v0.0.1^{commit}").Trim();
        TagAt("demo#production#10", v3, "2026-01-01T00:00:00Z");
        TagAt("demo#production#9", v1, "2026-01-02T00:00:00Z");
        _repo.Git("tag", "demo#production#99", v1); // lightweight: ignored by all three
        Check("out-of-order tags", "v0.0.3");
        _repo.Ok("deprecate", "demo", "--version", "v0.0.3");
        Check("deprecated", "exit 1");
        Assert.Equal(7, steps.Count);
    }

    [Fact]
    public void Each_recipe_is_at_most_20_lines_and_the_docs_show_it_verbatim()
    {
        var docs = File.ReadAllText(Path.Combine(RepoPaths.Root, "docs", "deploy.md"));
        foreach (var recipe in new[] { Bash, Python })
        {
            var text = File.ReadAllText(recipe);
            Assert.True(text.TrimEnd('\n').Split('\n').Length <= 20, $"{recipe} is longer than 20 lines");
            Assert.Contains(text.TrimEnd('\n'), docs);
        }
    }

    private void TagAt(string name, string commit, string date)
    {
        var psi = new ProcessStartInfo("git") { WorkingDirectory = _repo.Root, RedirectStandardError = true };
        foreach (var a in new[] { "tag", "-a", name, commit, "-m", "hand-made" })
        {
            psi.ArgumentList.Add(a);
        }

        psi.Environment["GIT_COMMITTER_DATE"] = date;
        using var p = Process.Start(psi)!;
        p.WaitForExit();
        Assert.Equal(0, p.ExitCode);
    }

    /// <summary>"VERSION SHA256" from the recipe's output (first line, then the record), or "exit N".</summary>
    private string Recipe(string interpreter, string script, string alias)
    {
        var psi = new ProcessStartInfo(interpreter) { WorkingDirectory = _repo.Root, RedirectStandardOutput = true, RedirectStandardError = true };
        psi.ArgumentList.Add(script);
        psi.ArgumentList.Add("demo");
        psi.ArgumentList.Add(alias);
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        _ = p.StandardError.ReadToEndAsync();
        p.WaitForExit();
        if (p.ExitCode != 0)
        {
            return $"exit {p.ExitCode}";
        }

        var text = stdout.Result;
        var cut = text.IndexOf('\n');
        var record = System.Text.Json.JsonDocument.Parse(text[(cut + 1)..]).RootElement;
        return text[..cut] + " " + record.GetProperty("artifact").GetProperty("sha256").GetString();
    }
}
