using System.Diagnostics;
using Pipeline.GitHub.Actions;

namespace Pipeline.GitHub.Tests.Actions;

public sealed class CrossProcessLockTests
{
    [Fact]
    public void An_append_waits_while_another_process_holds_the_files_lock()
    {
        var folder = Directory.CreateTempSubdirectory("pipeline-flock-").FullName;
        try
        {
            var path = Path.Combine(folder, "output");
            File.WriteAllText(path, "");
            // util-linux flock(1) takes the same advisory lock (flock(2), LOCK_EX) that .NET takes for FileShare.None
            // on Unix, and appends a value in the middle of holding it: our append must land after, never inside.
            var start = new ProcessStartInfo("flock") { RedirectStandardOutput = true };
            foreach (
                var arg in new[]
                {
                    "-x",
                    path,
                    "sh",
                    "-c",
                    "echo held; printf 'a<<D\\nfirst\\n' >> \"$1\"; sleep 1; printf 'D\\n' >> \"$1\"",
                    "sh",
                    path
                })
            {
                start.ArgumentList.Add(arg);
            }

            using var holder = Process.Start(start)!;
            Assert.Equal("held", holder.StandardOutput.ReadLine());
            var clock = Stopwatch.StartNew();
            OutputFile.Append(path, "b", "second\nvalue");
            clock.Stop();
            holder.WaitForExit();

            Assert.True(clock.ElapsedMilliseconds >= 500, $"appended after {clock.ElapsedMilliseconds} ms: the lock was not honoured");
            var parsed = RunnerParsers.ParseOutputFile(File.ReadAllText(path));
            Assert.Equal("first", parsed["a"]);
            Assert.Equal("second\nvalue", parsed["b"]);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
