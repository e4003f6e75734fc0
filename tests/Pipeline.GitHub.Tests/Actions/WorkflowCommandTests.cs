using FsCheck.Xunit;
using Pipeline.Core.Diagnostics;
using Pipeline.GitHub.Actions;

namespace Pipeline.GitHub.Tests.Actions;

public sealed class WorkflowCommandTests
{
    [Property(Arbitrary = [typeof(TrickyArbitrary)], MaxTest = 300)]
    public bool Annotation_escaping_round_trips_through_the_runner_parser(Tricky file, Tricky title, Tricky message)
    {
        var line = new Annotation(Severity.Error, message.Value, file.Value, 12, title.Value).ToWorkflowCommand();
        if (line.Contains('\n') || line.Contains('\r'))
        {
            return false;
        }

        var parsed = RunnerParsers.ParseCommand(line);
        return parsed is { } p && p.Command == "error" && p.Data == message.Value
            && p.Properties["file"] == file.Value && p.Properties["line"] == "12" && p.Properties["title"] == title.Value;
    }

    [Fact]
    public void Escaping_follows_the_runner_table()
    {
        Assert.Equal("100%25 done%0D%0Anext", WorkflowCommand.EscapeData("100% done\r\nnext"));
        Assert.Equal("a%3Ab%2Cc%25d", WorkflowCommand.EscapeProperty("a:b,c%d"));
        Assert.Equal("%250A", WorkflowCommand.EscapeData("%0A"));
        Assert.Equal(
            "::warning title=PIPE6001%3A x%2C y,file=registry/m/v1.json,line=3::bad%0Anews",
            new Annotation(Severity.Warning, "bad\nnews", "registry/m/v1.json", 3, "PIPE6001: x, y").ToWorkflowCommand());
        Assert.Equal("::notice::hello", new Annotation(Severity.Notice, "hello").ToWorkflowCommand());
    }

    [Fact]
    public void The_runtime_masks_first_and_is_silent_outside_actions()
    {
        var outside = new StringWriter();
        var quiet = new ActionsRuntime(ActionsEnvironment.From(new Dictionary<string, string>()), outside);
        quiet.Mask("secret");
        quiet.Annotate(new Annotation(Severity.Error, "x"));
        quiet.SetOutput("a", "b");
        Assert.Equal("", outside.ToString());

        var inside = new StringWriter();
        var runtime = new ActionsRuntime(ActionsEnvironment.From(new Dictionary<string, string> { ["GITHUB_ACTIONS"] = "true" }), inside);
        runtime.Mask("line1\nline2");
        runtime.Annotate(new Diagnostic(Severity.Error, PipeCodes.ActionsOutputInvalid, "boom", "a.json", 4, "do this"));
        Assert.Equal(
            "::add-mask::line1\n::add-mask::line2\n::error title=PIPE5001%3A Step output cannot be written,file=a.json,line=4::boom%0Afix: do this\n",
            inside.ToString().ReplaceLineEndings("\n"));
    }
}
