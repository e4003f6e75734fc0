using FsCheck;
using FsCheck.Fluent;
using Pipeline.Git.Registry;
using Pipeline.Git.Signing;
using static Pipeline.Git.Tests.Registry.RegistryFixture;

namespace Pipeline.Git.Tests.Signing;

/// <summary>
/// Signed alias tags at the git layer: a real key, a real <c>git tag -s</c> through the registry's own write, and the
/// reading of <c>git verify-tag</c>'s verdict.
/// </summary>
public sealed class TagSignatureTests
{
    [Fact]
    public void Assign_signs_the_alias_tag_when_git_is_set_up_to_sign_and_only_then()
    {
        using var repo = NewRepo();
        using var alice = new SshKey("alice@example.com");
        var store = new RegistryStore(repo.Root);
        var version = store.Register(Request("demo", 1), Who()).Version;

        store.Assign("demo", version, "staging", who: Who(1));
        Assert.DoesNotContain("BEGIN SSH SIGNATURE", repo.Git("cat-file", "tag", "demo#staging#1"), StringComparison.Ordinal);

        alice.SignWith(repo);
        Assert.Equal(alice.PrivateKey, store.SigningKey());
        var result = store.Assign("demo", version, "production", who: Who(2));
        Assert.True(result.Created);
        var tag = repo.Git("cat-file", "tag", result.Tag!);
        Assert.Contains("BEGIN SSH SIGNATURE", tag, StringComparison.Ordinal);
        Assert.Contains("tagger Test User <test@example.com> 1700000002 +0000", tag, StringComparison.Ordinal);
        // The registry still reads the event (the signature follows the JSON line of the message).
        Assert.Equal(version, store.State("demo").Aliases["production"]);
    }

    [Fact]
    public void Parse_reads_gits_three_answers()
    {
        var good = TagSignature.Parse("t", 0, "Good \"git\" signature for alice@example.com with ED25519 key SHA256:abc+/=\n");
        Assert.Equal((SignatureVerdict.Trusted, "alice@example.com", "SHA256:abc+/="), (good.Verdict, good.Principal, good.Key));
        Assert.Equal(SignatureVerdict.Unsigned, TagSignature.Parse("t", 1, "error: no signature found\n").Verdict);
        var unknown = TagSignature.Parse("t", 1, "Good \"git\" signature with ED25519 key SHA256:xyz\nNo principal matched.\n");
        Assert.Equal((SignatureVerdict.Untrusted, "SHA256:xyz"), (unknown.Verdict, unknown.Key));
        Assert.Equal(SignatureVerdict.Invalid, TagSignature.Parse("t", 1, "Signature verification failed: incorrect signature\n").Verdict);
    }

    [Fact]
    public void Nothing_but_a_zero_exit_with_a_named_principal_is_trusted()
    {
        var lines = Gen.Elements(
            "Good \"git\" signature for alice@example.com with ED25519 key SHA256:abc",
            "Good \"git\" signature with ED25519 key SHA256:abc",
            "No principal matched.",
            "error: no signature found",
            "Could not verify signature.",
            "");
        var outputs = from parts in Gen.ListOf(lines) from code in Gen.Choose(0, 2) select (string.Join("\n", parts), code);
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(300), Prop.ForAll(Arb.From(outputs), x =>
        {
            var s = TagSignature.Parse("t", x.code, x.Item1);
            return !s.Trusted || (x.code == 0 && s.Principal == "alice@example.com");
        }));
    }
}
