using Pipeline.Cli.Commands;

namespace Pipeline.Cli.Tests.Startup;

/// <summary>The command tree is built for the verb that runs; help and usage errors still see every verb.</summary>
public sealed class LazyCommandTreeTests
{
    private static readonly CliConsole Quiet = new(TextWriter.Null, TextWriter.Null);

    [Fact]
    public void Every_catalogue_name_is_the_name_its_command_carries()
    {
        foreach (var (name, build) in CommandCatalog.Verbs)
        {
            Assert.Equal(name, build(Quiet).Name);
        }

        Assert.Equal(CommandCatalog.Verbs.Length, CommandCatalog.Verbs.Select(v => v.Name).Distinct().Count());
    }

    [Theory]
    [InlineData("explain")]
    [InlineData("list")]
    [InlineData("runs")]
    public void A_verb_builds_only_its_own_command(string verb)
    {
        var built = CommandCatalog.For([verb, "--json"], Quiet).ToArray();
        Assert.Equal([verb], built.Select(c => c.Name));
    }

    [Theory]
    [InlineData]
    [InlineData("--help")]
    [InlineData("--version")]
    [InlineData("lsit")]
    [InlineData("--json", "list")]
    public void No_verb_first_builds_the_whole_tree(params string[] args)
    {
        Assert.Equal(CommandCatalog.Verbs.Select(v => v.Name), CommandCatalog.For(args, Quiet).Select(c => c.Name));
    }

    [Fact]
    public async Task A_mistyped_verb_still_gets_the_usage_error_and_root_help_lists_every_verb()
    {
        var output = new StringWriter();
        var error = new StringWriter();
        Assert.Equal(2, await CliApp.ExecuteAsync(["lsit"], output, error, actions: false));
        Assert.Contains("PIPE0001", error.ToString());

        var help = new StringWriter();
        Assert.Equal(0, await CliApp.ExecuteAsync(["--help"], help, TextWriter.Null, actions: false));
        foreach (var (name, _) in CommandCatalog.Verbs)
        {
            Assert.Contains(name, help.ToString());
        }
    }
}
