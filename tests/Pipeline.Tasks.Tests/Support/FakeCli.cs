using System.Text.Json;

namespace Pipeline.Tasks.Tests.Support;

/// <summary>
/// A stand-in CLI (a python3 script; python3 is on every machine, DESIGN §2) that records its argv as JSON and answers
/// with a canned stdout, stderr and exit code. Each test gets its own folder, so tests can run in parallel.
/// </summary>
internal sealed class FakeCli : IDisposable
{
    private const string Script = """
        #!/usr/bin/env python3
        import json, os, sys, time
        here = os.path.dirname(os.path.abspath(__file__))
        def read(name, default=""):
            p = os.path.join(here, name)
            return open(p, encoding="utf-8").read() if os.path.exists(p) else default
        with open(os.path.join(here, "argv.json"), "w", encoding="utf-8") as f:
            json.dump({"argv": sys.argv[1:], "cwd": os.getcwd()}, f)
        time.sleep(float(read("sleep.txt", "0")))
        sys.stdout.write(read("stdout.txt"))
        sys.stderr.write(read("stderr.txt"))
        sys.exit(int(read("exit.txt", "0")))
        """;

    private readonly TempDir dir = new("fake-cli");

    public FakeCli()
    {
        Path = dir.Write("fake pipeline cli", Script.Replace("\r\n", "\n"));
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(Path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    /// <summary>The script; its name has a space on purpose.</summary>
    public string Path { get; }

    public FakeCli Respond(string stdout, string stderr = "", int exitCode = 0, double sleepSeconds = 0)
    {
        dir.Write("stdout.txt", stdout);
        dir.Write("stderr.txt", stderr);
        dir.Write("exit.txt", exitCode.ToString(System.Globalization.CultureInfo.InvariantCulture));
        dir.Write("sleep.txt", sleepSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return this;
    }

    public bool WasRun => File.Exists(dir.Combine("argv.json"));

    public IReadOnlyList<string> Argv
    {
        get
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(dir.Combine("argv.json")));
            return doc.RootElement.GetProperty("argv").EnumerateArray().Select(e => e.GetString()!).ToArray();
        }
    }

    public string WorkingDirectory
    {
        get
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(dir.Combine("argv.json")));
            return doc.RootElement.GetProperty("cwd").GetString()!;
        }
    }

    public void Dispose() => dir.Dispose();
}
