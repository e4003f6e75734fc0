using System.Diagnostics;

namespace Pipeline.Core.Tests.Canonical;

/// <summary>The committed vector files are exactly what gen_vectors.py prints today (no stale or hand-edited vector).</summary>
public sealed class VectorsUpToDateTests
{
    [PythonFact]
    public void Generator_output_equals_the_committed_files()
    {
        var temp = Directory.CreateTempSubdirectory("pipeline-vectors-");
        try
        {
            var start = new ProcessStartInfo(PythonFactAttribute.RequirePython3())
            {
                ArgumentList = { Path.Combine(RepoPaths.Vectors, "gen_vectors.py"), "--out", temp.FullName },
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            using var process = Process.Start(start)!;
            var stderr = process.StandardError.ReadToEndAsync();
            process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            Assert.True(process.ExitCode == 0, "gen_vectors.py failed: " + stderr.Result);

            var generated = temp.GetFiles("*.jsonl").Select(f => f.Name).Order().ToArray();
            var committed = Directory.GetFiles(RepoPaths.Vectors, "*.jsonl").Select(Path.GetFileName).Order().ToArray();
            Assert.Equal(committed, generated);
            foreach (var name in generated)
            {
                var fresh = File.ReadAllBytes(Path.Combine(temp.FullName, name));
                var onDisk = File.ReadAllBytes(Path.Combine(RepoPaths.Vectors, name));
                Assert.True(fresh.AsSpan().SequenceEqual(onDisk), $"{name} is stale: run python3 tests/vectors/gen_vectors.py");
            }
        }
        finally
        {
            temp.Delete(recursive: true);
        }
    }
}
