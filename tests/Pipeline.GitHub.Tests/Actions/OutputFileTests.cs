using FsCheck.Xunit;
using Pipeline.Core.Diagnostics;
using Pipeline.GitHub.Actions;

namespace Pipeline.GitHub.Tests.Actions;

public sealed class OutputFileTests
{
    [Property(Arbitrary = [typeof(TrickyArbitrary)], MaxTest = 300)]
    public bool Any_value_round_trips_through_the_runner_parser(Tricky value, Tricky other)
    {
        var text = OutputFile.Format("report", value.Value) + OutputFile.Format("next-one", other.Value);
        var parsed = RunnerParsers.ParseOutputFile(text);
        return parsed.Count == 2 && parsed["report"] == value.Value && parsed["next-one"] == other.Value;
    }

    [Fact]
    public void One_line_values_use_the_short_form_and_multi_line_values_a_random_delimiter()
    {
        Assert.Equal("fingerprint=abc=def\n", OutputFile.Format("fingerprint", "abc=def"));
        var multi = OutputFile.Format("report", "a\nb");
        Assert.Matches("^report<<ghadelimiter_[0-9a-f]{32}\na\nb\nghadelimiter_[0-9a-f]{32}\n$", multi);
        Assert.NotEqual(multi, OutputFile.Format("report", "a\nb"));
        Assert.StartsWith("x<<", OutputFile.Format("x", "carriage\rreturn"));
    }

    [Fact]
    public void A_value_containing_the_delimiter_gets_another_one()
    {
        var candidates = new Queue<string>(["EOF", "EOF2"]);
        var text = OutputFile.Format("out", "line\nEOF\ninjected=1", () => candidates.Dequeue());
        Assert.StartsWith("out<<EOF2\n", text);
        var parsed = RunnerParsers.ParseOutputFile(text);
        Assert.Equal("line\nEOF\ninjected=1", parsed["out"]);
        Assert.False(parsed.ContainsKey("injected"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("a b")]
    [InlineData("x<<y")]
    [InlineData("1abc")]
    [InlineData("a=b")]
    public void Bad_names_are_refused(string name)
    {
        var ex = Assert.Throws<PipelineException>(() => OutputFile.Format(name, "v"));
        Assert.Equal(5001, ex.Code.Number);
    }

    [Fact]
    public void Parallel_writers_never_interleave_big_multi_line_values()
    {
        var folder = Directory.CreateTempSubdirectory("pipeline-out-").FullName;
        try
        {
            var path = Path.Combine(folder, "output");
            // Each value is ~200 KB of lines, far beyond one write syscall's atomicity, so only the lock keeps them whole.
            var values = Enumerable.Range(0, 8).Select(i => string.Join('\n', Enumerable.Repeat($"writer {i} line", 12_000))).ToArray();
            // FileShare.None is an flock per open file: two opens in one process conflict exactly like two processes.
            Parallel.For(0, values.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
            {
                for (var round = 0; round < 3; round++)
                {
                    OutputFile.Append(path, $"out_{i}_{round}", values[i]);
                }
            });

            var parsed = RunnerParsers.ParseOutputFile(File.ReadAllText(path));
            Assert.Equal(24, parsed.Count);
            for (var i = 0; i < values.Length; i++)
            {
                Assert.Equal(values[i], parsed[$"out_{i}_0"]);
                Assert.Equal(values[i], parsed[$"out_{i}_2"]);
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void A_file_in_a_missing_folder_is_PIPE5002_not_a_hang()
    {
        var ex = Assert.Throws<PipelineException>(() => OutputFile.Append("/nonexistent-folder-xyz/output", "a", "b"));
        Assert.Equal(5002, ex.Code.Number);
    }
}
