using FsCheck;
using FsCheck.Fluent;
using Pipeline.Core.Lineage;
using Pipeline.Core.Text;

namespace Pipeline.Core.Tests.Hostile;

/// <summary>Issue 15 points 5 and 20: the escaping function's invariants, and tokens in query strings.</summary>
public sealed class RedactionAndEscapingTests
{
    [Theory]
    [InlineData("https://gitlab.example.com/o/r.git?access_token=SECRET", "https://gitlab.example.com/o/r.git")]
    [InlineData("https://x-access-token:SECRET@github.com/o/r?private_token=S2#frag", "https://github.com/o/r")]
    [InlineData("ssh://git@host/o/r.git", "ssh://git@host/o/r.git")]
    public void A_token_in_a_query_string_never_reaches_a_record(string url, string recorded)
    {
        Assert.Equal(recorded, RemoteUrl.StripCredentials(url));
        Assert.DoesNotContain("SECRET", RemoteUrl.StripCredentials(url));
    }

    [Fact]
    public void An_escaped_line_has_no_control_character_no_workflow_command_and_keeps_plain_text()
    {
        var chars = Gen.Elements('\u001b', '\r', '\n', '\u0000', '\u0085', '\u009b', '\u202e', '\u2028', ':', '#', '[', ' ', '\t', 'a', 'é', '%');
        Prop.ForAll(Arb.From(Gen.ArrayOf(chars).Select(cs => new string(cs))), text =>
        {
            var line = TerminalText.Line(text, actions: true);
            var plain = text.All(c => !TerminalText.Escaped(c))
                && !text.TrimStart(' ', '\t').StartsWith("::", StringComparison.Ordinal)
                && !text.Contains("##[", StringComparison.Ordinal);
            return !line.Any(TerminalText.Escaped)
                && !line.TrimStart(' ', '\t').StartsWith("::", StringComparison.Ordinal)
                && !line.Contains("##[", StringComparison.Ordinal)
                && (!plain || line == text);
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(500));
    }

    [Fact]
    public void A_block_keeps_its_line_breaks_and_escapes_each_line()
    {
        Assert.Equal("a\\x1b[1m\n\\x3a:error::x\r\nb", TerminalText.Block("a\u001b[1m\n::error::x\r\nb", actions: true));
        Assert.Equal("::notice::kept outside Actions", TerminalText.Line("::notice::kept outside Actions", actions: false));
    }
}
