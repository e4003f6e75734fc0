using System.Text;
using Pipeline.GitHub.Actions;

namespace Pipeline.GitHub.Tests.Actions;

public sealed class StepSummaryTests
{
    [Fact]
    public void Appends_stop_at_one_mebibyte_with_a_note_even_with_parallel_writers()
    {
        var folder = Directory.CreateTempSubdirectory("pipeline-sum-").FullName;
        try
        {
            var path = Path.Combine(folder, "summary.md");
            var chunk = string.Concat(Enumerable.Repeat("| row | é 😀 |\n", 4000));
            Parallel.For(0, 40, new ParallelOptions { MaxDegreeOfParallelism = 8 }, _ => StepSummary.Append(path, chunk));
            var bytes = new FileInfo(path).Length;
            Assert.True(bytes <= StepSummary.MaxBytes, bytes.ToString(System.Globalization.CultureInfo.InvariantCulture));
            var text = File.ReadAllText(path, Encoding.UTF8);
            Assert.Equal(1, CountOf(text, "Summary truncated"));
            Assert.DoesNotContain('\uFFFD', text);
            Assert.EndsWith(StepSummary.TruncationNote, text);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Fit_keeps_what_fits_and_cuts_at_a_line_end()
    {
        Assert.Equal("abc", StepSummary.Fit("abc", 3));
        Assert.Equal("", StepSummary.Fit("abc", 2));
        var cut = StepSummary.Fit("line one\nline two\n" + new string('x', 500), 200);
        Assert.Equal("line one\nline two" + StepSummary.TruncationNote, cut);
    }

    private static int CountOf(string text, string what) => (text.Length - text.Replace(what, "", StringComparison.Ordinal).Length) / what.Length;
}
