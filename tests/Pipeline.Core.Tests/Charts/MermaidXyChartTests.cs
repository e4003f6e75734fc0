using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Pipeline.Core.Charts;

namespace Pipeline.Core.Tests.Charts;

/// <summary>User text (model names, metric keys, run ids) must not be able to end a Mermaid string, the block or the Markdown fence.</summary>
public sealed class MermaidXyChartTests
{
    [Property(MaxTest = 500)]
    public bool A_label_never_carries_Mermaid_or_Markdown_syntax(string? text)
    {
        var label = MermaidXyChart.Label(text);
        return label.Length is > 0 and <= MermaidXyChart.MaxLabel
            && label.All(c => c < 128 && !char.IsControl(c))
            && label.IndexOfAny(['"', '`', '#', '%', ';', '[', ']', '{', '}', '<', '>', '\\', '\'']) < 0;
    }

    [Property(MaxTest = 200)]
    public bool A_chart_is_one_fenced_block_whatever_its_labels(NonNull<string> title, NonNull<string>[] labels)
    {
        var names = labels.Select(l => l.Get).DefaultIfEmpty("x").ToArray();
        var block = new MermaidXyChart(title.Get).XAxis(title.Get, names).YAxis(title.Get).Bar(names.Select((_, i) => (double)i)).ToMarkdown();
        var lines = block.Split('\n');
        return block.StartsWith("```mermaid\nxychart-beta\n", StringComparison.Ordinal)
            && block.EndsWith("\n```\n", StringComparison.Ordinal)
            && lines.Count(l => l.StartsWith("```", StringComparison.Ordinal)) == 2
            && lines.Length == 8;
    }

    [Fact]
    public void Hostile_text_is_neutralised()
    {
        var block = new MermaidXyChart("m\"]\n```\n<script>%%{init}%%")
            .XAxis("step", ["a\"b", "#quot;", "x;y"])
            .YAxis("loss")
            .Line([1, 2.5, 3])
            .ToMarkdown();

        Assert.Equal(
            "```mermaid\nxychart-beta\n    title \"m_script_init_\"\n    x-axis \"step\" [\"a_b\", \"_quot_\", \"x_y\"]\n    y-axis \"loss\"\n    " +
            "line [1, 2.5, 3]\n```\n",
            block);
    }

    [Fact]
    public void Non_finite_values_are_refused_rather_than_breaking_the_chart()
    {
        Assert.Throws<ArgumentException>(() => new MermaidXyChart("t").Line([1, double.NaN]));
        Assert.Equal("0.123457", MermaidXyChart.Number(0.1234567));
        Assert.Equal("-1E-07", MermaidXyChart.Number(-1e-7));
    }
}
