using System.Text.Json;

namespace Pipeline.Tasks.Tests.Support;

/// <summary>
/// A stand-in CLI (a python3 script; python3 is on every machine, docs/design.md §2) that records its argv as JSON and answers
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
        verb = sys.argv[1] if len(sys.argv) > 1 else ""
        with open(os.path.join(here, "argv-" + verb + ".json"), "w", encoding="utf-8") as f:
            json.dump(sys.argv[1:], f)
        prefix = verb + "-" if os.path.exists(os.path.join(here, verb + "-exit.txt")) else ""
        time.sleep(float(read(prefix + "sleep.txt", "0")))
        sys.stdout.write(read(prefix + "stdout.txt"))
        sys.stderr.write(read(prefix + "stderr.txt"))
        sys.exit(int(read(prefix + "exit.txt", "0")))
        """;

    private readonly TempFolder dir = new("fake-cli");

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

    public FakeCli Respond(string stdout, string stderr = "", int exitCode = 0, double sleepSeconds = 0) =>
        Write("", stdout, stderr, exitCode, sleepSeconds);

    /// <summary>An answer for one verb only (the first argument); other verbs get <see cref="Respond"/>'s.</summary>
    public FakeCli RespondTo(string verb, string stdout, string stderr = "", int exitCode = 0) =>
        Write(verb + "-", stdout, stderr, exitCode, 0);

    /// <summary>The arguments of the last call of <paramref name="verb"/>, or null when it was never called.</summary>
    public IReadOnlyList<string>? ArgvOf(string verb)
    {
        var file = dir.Path("argv-" + verb + ".json");
        return File.Exists(file) ? JsonSerializer.Deserialize<string[]>(File.ReadAllText(file)) : null;
    }

    private FakeCli Write(string prefix, string stdout, string stderr, int exitCode, double sleepSeconds)
    {
        dir.Write(prefix + "stdout.txt", stdout);
        dir.Write(prefix + "stderr.txt", stderr);
        dir.Write(prefix + "exit.txt", exitCode.ToString(System.Globalization.CultureInfo.InvariantCulture));
        dir.Write(prefix + "sleep.txt", sleepSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return this;
    }

    public bool WasRun => File.Exists(dir.Path("argv.json"));

    public IReadOnlyList<string> Argv
    {
        get
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(dir.Path("argv.json")));
            return doc.RootElement.GetProperty("argv").EnumerateArray().Select(e => e.GetString()!).ToArray();
        }
    }

    public string WorkingDirectory
    {
        get
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(dir.Path("argv.json")));
            return doc.RootElement.GetProperty("cwd").GetString()!;
        }
    }

    public void Dispose() => dir.Dispose();
}
