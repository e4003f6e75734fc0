using System.Text.Json;

namespace Pipeline.Cli.Tests.Gate;

/// <summary>
/// Signed alias moves (gate.yaml <c>require: {signed_tags: true}</c>) with real SSH keys from ssh-keygen, real
/// <c>git tag -s</c> and real <c>git verify-tag</c>: a move signed by a key of the protected ref's allowed-signers file
/// passes; unsigned moves, moves by an unknown key and an allowed-signers file edited on a branch are refused.
/// </summary>
public sealed class SignedAliasTests : IDisposable
{
    private const string GateYaml = """
        suite: {name: mmlu, fingerprint: "mmlu@abcd"}
        metric: mmlu
        direction: maximize
        threshold: 0.60
        require: {signed_tags: true}

        """;

    private readonly TempGitRepo _repo = new();
    private readonly SshKey _alice = new("alice@example.com");
    private readonly SshKey _eve = new("eve@example.com");

    public SignedAliasTests()
    {
        _repo.Write("gate.yaml", GateYaml);
        _repo.Write(".pipeline/allowed_signers", _alice.AllowedSignersLine + "\n");
        _repo.Commit("protected gate and signers");
        _repo.Register("demo", "v1.0.0", "fp-1", 0.65);
        _repo.Register("demo", "v1.1.0", "fp-2", 0.71);
    }

    public void Dispose()
    {
        _repo.Dispose();
        _alice.Dispose();
        _eve.Dispose();
    }

    private CliResult Promote(string version) =>
        CliRunner.Run("promote", "demo", "--version", version, "--alias", "production", "--repo", _repo.Root);

    private string[] AliasTags() => _repo.Git("tag", "-l", "demo#*").Split('\n', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>An alias tag signed by <paramref name="key"/> made with git itself, not with Pipeline.</summary>
    private void SignedAssign(SshKey key, string version, int counter) =>
        _repo.Git(
            "-c",
            "gpg.format=ssh",
            "-c",
            "user.signingkey=" + key.PrivateKey,
            "tag",
            "-s",
            $"demo#production#{counter}",
            $"demo@{version}^{{}}",
            "-m",
            "assign production");

    [Fact]
    public void Promote_signs_the_move_with_a_trusted_key_and_history_shows_the_signer()
    {
        _alice.SignWith(_repo);
        var r = Promote("v1.0.0");
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Equal(["demo#production#1"], AliasTags());

        // git itself agrees, with the same file.
        using var folder = new TempFolder();
        var signers = folder.Write("allowed_signers", _alice.AllowedSignersLine + "\n");
        var (code, _, err) = _repo.TryGit("-c", "gpg.ssh.allowedSignersFile=" + signers, "verify-tag", "demo#production#1");
        Assert.True(code == 0, err);
        Assert.Contains("Good \"git\" signature for alice@example.com", err, StringComparison.Ordinal);

        var history = CliRunner.Run("history", "demo", "--repo", _repo.Root, "--json");
        Assert.True(history.ExitCode == 0, history.ToString());
        var move = history.Json.GetProperty("events").EnumerateArray().Single(e => e.GetProperty("kind").GetString() == "assignment");
        Assert.Equal("trusted", move.GetProperty("signature").GetProperty("verdict").GetString());
        Assert.Equal("alice@example.com", move.GetProperty("signature").GetProperty("signer").GetString());
        Assert.Contains("signed by alice@example.com", CliRunner.Run("history", "demo", "--repo", _repo.Root).Stdout, StringComparison.Ordinal);

        var doctor = CliRunner.Run("doctor", "--repo", _repo.Root);
        Assert.True(doctor.ExitCode == 0, doctor.ToString());
    }

    [Fact]
    public void Promote_refuses_to_build_on_an_unsigned_alias_event_and_doctor_and_verify_report_it()
    {
        _repo.Assign("demo", "v1.0.0", "production", 1);
        _alice.SignWith(_repo);
        var before = AliasTags();

        var r = Promote("v1.1.0");
        Assert.True(r.ExitCode == 1, r.ToString());
        Assert.Contains("PIPE4111", r.Stderr, StringComparison.Ordinal);
        Assert.Contains("demo#production#1", r.Stderr, StringComparison.Ordinal);
        Assert.Contains("not signed", r.Stderr, StringComparison.Ordinal);
        Assert.Equal(before, AliasTags());

        var doctor = CliRunner.Run("doctor", "--repo", _repo.Root, "--json");
        Assert.True(doctor.ExitCode == 1, doctor.ToString());
        var problem = doctor.Json.GetProperty("problems").EnumerateArray().Single(p => p.GetProperty("kind").GetString() == "unsigned-alias-event");
        Assert.Equal("demo#production#1", problem.GetProperty("subject").GetString());
        Assert.Contains("git tag -d", problem.GetProperty("fix").GetString(), StringComparison.Ordinal);

        var verify = CliRunner.Run("verify", "--version", "demo@v1.1.0", "--repo", _repo.Root, "--no-fetch");
        Assert.True(verify.ExitCode == 1, verify.ToString());
        Assert.Contains("PIPE4111", verify.Stderr, StringComparison.Ordinal);

        var history = CliRunner.Run("history", "demo", "--repo", _repo.Root, "--json");
        var move = history.Json.GetProperty("events").EnumerateArray().Single(e => e.GetProperty("kind").GetString() == "assignment");
        Assert.Equal("unsigned", move.GetProperty("signature").GetProperty("verdict").GetString());
    }

    [Fact]
    public void An_alias_event_signed_by_an_unknown_key_is_refused_everywhere()
    {
        SignedAssign(_eve, "v1.0.0", 1);
        _alice.SignWith(_repo);

        var r = Promote("v1.1.0");
        Assert.True(r.ExitCode == 1, r.ToString());
        Assert.Contains("PIPE4111", r.Stderr, StringComparison.Ordinal);
        Assert.Contains("no allowed signer has", r.Stderr, StringComparison.Ordinal);

        var doctor = CliRunner.Run("doctor", "--repo", _repo.Root, "--json");
        Assert.Contains(doctor.Json.GetProperty("problems").EnumerateArray(), p => p.GetProperty("kind").GetString() == "untrusted-alias-event");
        var history = CliRunner.Run("history", "demo", "--repo", _repo.Root, "--json");
        var move = history.Json.GetProperty("events").EnumerateArray().Single(e => e.GetProperty("kind").GetString() == "assignment");
        Assert.Equal("untrusted", move.GetProperty("signature").GetProperty("verdict").GetString());
        Assert.Equal(JsonValueKind.Null, move.GetProperty("signature").GetProperty("signer").ValueKind);
    }

    [Fact]
    public void A_move_signed_by_a_trusted_key_on_top_of_a_trusted_one_passes()
    {
        SignedAssign(_alice, "v1.0.0", 1);
        _alice.SignWith(_repo);
        var r = Promote("v1.1.0");
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Equal(["demo#production#1", "demo#production#2"], AliasTags());
    }

    [Fact]
    public void Promote_removes_a_move_it_signed_with_a_key_nobody_allowed()
    {
        _eve.SignWith(_repo);
        var r = Promote("v1.0.0");
        Assert.True(r.ExitCode == 1, r.ToString());
        Assert.Contains("PIPE4111", r.Stderr, StringComparison.Ordinal);
        Assert.Contains("the tag was removed", r.Stderr, StringComparison.Ordinal);
        Assert.Empty(AliasTags());
    }

    [Fact]
    public void Allowed_signers_edited_on_an_unprotected_branch_is_not_honoured()
    {
        _repo.Git("checkout", "-q", "-b", "evil");
        _repo.Write(".pipeline/allowed_signers", _alice.AllowedSignersLine + "\n" + _eve.AllowedSignersLine + "\n");
        _repo.Commit("trust eve");
        _eve.SignWith(_repo);

        // The gate and its allowed signers are read from the protected ref (main here), which trusts alice only.
        var r = Promote("v1.0.0");
        Assert.True(r.ExitCode == 1, r.ToString());
        Assert.Contains("PIPE4111", r.Stderr, StringComparison.Ordinal);
        Assert.Contains("main:.pipeline/allowed_signers", r.Stderr, StringComparison.Ordinal);
        Assert.Empty(AliasTags());
    }

    [Fact]
    public void Promote_refuses_before_writing_when_this_clone_cannot_sign()
    {
        var r = Promote("v1.0.0");
        Assert.True(r.ExitCode == 3, r.ToString());
        Assert.Contains("PIPE4113", r.Stderr, StringComparison.Ordinal);
        Assert.Empty(AliasTags());
    }

    [Fact]
    public void Signed_tags_without_an_allowed_signers_file_on_the_protected_ref_is_bad_input()
    {
        _repo.Git("rm", "-q", ".pipeline/allowed_signers");
        _repo.Commit("drop signers");
        _alice.SignWith(_repo);
        var r = Promote("v1.0.0");
        Assert.True(r.ExitCode == 2, r.ToString());
        Assert.Contains("PIPE4112", r.Stderr, StringComparison.Ordinal);
        Assert.Empty(AliasTags());
    }
}
