using System.CommandLine;
using Pipeline.Cli.Commands;

namespace Pipeline.Cli.Tests.Docs;

/// <summary>Every verb of the command tree has its section in docs/cli.md, so a newcomer finds each one there.</summary>
public sealed class CliReferenceTests
{
    [Fact]
    public void Every_verb_has_a_section()
    {
        var reference = File.ReadAllText(Path.Combine(RepoPaths.Root, "docs", "cli.md"));
        var verbs = CommandCatalog.Build(new CliConsole(TextWriter.Null, TextWriter.Null)).SelectMany(c => Paths(c, "pipeline")).ToList();
        Assert.Contains("pipeline runs ingest", verbs);

        var missing = verbs.Where(v => !reference.Contains($"### `{v}`", StringComparison.Ordinal)).ToList();

        Assert.True(missing.Count == 0, "docs/cli.md has no '### `VERB`' section for: " + string.Join(", ", missing));
    }

    /// <summary>A command's full name, or its leaves' when it only groups subcommands (e.g. 'runs').</summary>
    private static IEnumerable<string> Paths(Command command, string prefix)
    {
        var name = prefix + " " + command.Name;
        return command.Subcommands.Count == 0 ? [name] : command.Subcommands.SelectMany(c => Paths(c, name));
    }
}
