
namespace Pipeline.Cli.Tests.Docs;

/// <summary>Usage errors exit 2 with the canonical line; with --json the caller also gets one JSON error document.</summary>
public sealed class UsageErrorTests
{
    [Fact]
    public void A_missing_required_option_with_json_prints_one_error_document()
    {
        var result = CliRunner.Run("gate", "demo", "--json");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("error PIPE0001", result.Stderr);
        Assert.False(result.Json.GetProperty("ok").GetBoolean());
        Assert.Equal("PIPE0001", result.Json.GetProperty("error").GetProperty("code").GetString());
        Assert.Contains("--version", result.Json.GetProperty("error").GetProperty("message").GetString());
    }

    [Fact]
    public void Without_json_stdout_stays_empty()
    {
        var result = CliRunner.Run("gate", "demo");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("", result.Stdout);
    }
}
