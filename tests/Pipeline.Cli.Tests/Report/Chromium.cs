using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;

namespace Pipeline.Cli.Tests.Report;

/// <summary>
/// A real headless Chromium driven over the DevTools protocol (a WebSocket; no Playwright, no driver download):
/// navigate, evaluate, click, screenshot, and every console error, exception and network request the page makes.
/// </summary>
internal sealed class Chromium : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ClientWebSocket _socket = new();
    private readonly ConcurrentDictionary<int, TaskCompletionSource<JsonObject>> _pending = new();
    private readonly string _profile;
    private readonly CancellationTokenSource _stop = new();
    private int _nextId;
    private Task? _reader;
    private TaskCompletionSource _loaded = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private Chromium(Process process, string profile)
    {
        _process = process;
        _profile = profile;
    }

    public ConcurrentQueue<string> Errors { get; } = new();

    public ConcurrentQueue<string> Requests { get; } = new();

    /// <summary>Where Chromium is: $PIPELINE_CHROMIUM or Debian's package (installed by .ci/run when missing).</summary>
    public static string? Executable =>
        new[] { Environment.GetEnvironmentVariable("PIPELINE_CHROMIUM"), "/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome" }
            .FirstOrDefault(p => !string.IsNullOrEmpty(p) && File.Exists(p));

    public static async Task<Chromium> Start()
    {
        var exe = Executable
            ?? throw new InvalidOperationException("Chromium not found: install Debian's 'chromium' (.ci/run does) or set PIPELINE_CHROMIUM");
        var profile = Path.Combine(Path.GetTempPath(), "pipeline-chromium-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(profile);
        var psi = new ProcessStartInfo(exe) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var a in new[]
                 {
                     "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                     "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage", "--hide-scrollbars", "--window-size=1280,900",
                     "--user-data-dir=" + profile, "--remote-debugging-port=0", "about:blank",
                 })
        {
            psi.ArgumentList.Add(a);
        }

        var process = Process.Start(psi)!;
        process.ErrorDataReceived += (_, _) => { };
        process.OutputDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        var browser = new Chromium(process, profile);
        var portFile = Path.Combine(profile, "DevToolsActivePort");
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!File.Exists(portFile) || File.ReadAllLines(portFile).Length < 2)
        {
            if (DateTime.UtcNow > deadline || process.HasExited)
            {
                await browser.DisposeAsync();
                throw new InvalidOperationException("Chromium did not start its DevTools endpoint");
            }

            await Task.Delay(50);
        }

        var port = File.ReadAllLines(portFile)[0].Trim();
        using var http = new HttpClient();
        var targets = JsonNode.Parse(await http.GetStringAsync($"http://127.0.0.1:{port}/json/list"))!.AsArray();
        var page = targets.First(t => (string?)t!["type"] == "page")!;
        await browser._socket.ConnectAsync(new Uri((string)page["webSocketDebuggerUrl"]!), CancellationToken.None);
        browser._reader = Task.Run(browser.ReadLoop);
        await browser.Send("Page.enable");
        await browser.Send("Runtime.enable");
        await browser.Send("Log.enable");
        await browser.Send("Network.enable");
        return browser;
    }

    public async Task Navigate(string url)
    {
        _loaded = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await Send("Page.navigate", new JsonObject { ["url"] = url });
        await _loaded.Task.WaitAsync(TimeSpan.FromSeconds(30));
    }

    public Task ScriptsEnabled(bool enabled) => Send("Emulation.setScriptExecutionDisabled", new JsonObject { ["value"] = !enabled });

    /// <summary>Evaluates an expression in the page and returns its value as JSON (wrap DOM reads in JSON-able values).</summary>
    public async Task<JsonNode?> Eval(string expression)
    {
        var result = await Send(
            "Runtime.evaluate",
            new JsonObject { ["expression"] = expression, ["returnByValue"] = true, ["awaitPromise"] = true });
        if (result["exceptionDetails"] is { } ex)
        {
            throw new InvalidOperationException("evaluation failed: " + ex.ToJsonString());
        }

        return result["result"]?["value"]?.DeepClone();
    }

    public async Task Screenshot(string path)
    {
        var result = await Send("Page.captureScreenshot", new JsonObject { ["format"] = "png", ["captureBeyondViewport"] = true });
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllBytesAsync(path, Convert.FromBase64String((string)result["data"]!));
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
        }
        catch (InvalidOperationException)
        {
        }

        _socket.Dispose();
        _process.Dispose();
        try
        {
            Directory.Delete(_profile, recursive: true);
        }
        catch (IOException)
        {
            // Chromium's helpers may still hold a file for a moment; a temp folder left behind is harmless.
        }
    }

    private async Task<JsonObject> Send(string method, JsonObject? parameters = null)
    {
        var id = Interlocked.Increment(ref _nextId);
        var done = new TaskCompletionSource<JsonObject>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[id] = done;
        var message = new JsonObject { ["id"] = id, ["method"] = method, ["params"] = parameters ?? new JsonObject() };
        await _socket.SendAsync(Encoding.UTF8.GetBytes(message.ToJsonString()), WebSocketMessageType.Text, true, CancellationToken.None);
        var reply = await done.Task.WaitAsync(TimeSpan.FromSeconds(30));
        if (reply["error"] is { } error)
        {
            throw new InvalidOperationException($"{method}: {error.ToJsonString()}");
        }

        return reply["result"]?.AsObject() ?? new JsonObject();
    }

    private async Task ReadLoop()
    {
        var buffer = new byte[1 << 20];
        var message = new MemoryStream();
        while (!_stop.IsCancellationRequested && _socket.State == WebSocketState.Open)
        {
            WebSocketReceiveResult part;
            try
            {
                part = await _socket.ReceiveAsync(buffer, _stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or WebSocketException)
            {
                return;
            }

            message.Write(buffer, 0, part.Count);
            if (!part.EndOfMessage)
            {
                continue;
            }

            var node = JsonNode.Parse(message.ToArray())!.AsObject();
            message.SetLength(0);
            if (node["id"] is { } id && _pending.TryRemove((int)id, out var waiter))
            {
                waiter.TrySetResult(node);
                continue;
            }

            var p = node["params"];
            switch ((string?)node["method"])
            {
                case "Page.loadEventFired":
                    _loaded.TrySetResult();
                    break;
                case "Runtime.exceptionThrown":
                    Errors.Enqueue("exception: " + p?["exceptionDetails"]?.ToJsonString());
                    break;
                case "Runtime.consoleAPICalled" when ((string?)p?["type"]) is "error" or "assert":
                    Errors.Enqueue("console: " + p?["args"]?.ToJsonString());
                    break;
                case "Log.entryAdded" when ((string?)p?["entry"]?["level"]) == "error":
                    Errors.Enqueue("log: " + p?["entry"]?["text"]);
                    break;
                case "Network.requestWillBeSent":
                    Requests.Enqueue((string?)p?["request"]?["url"] ?? "");
                    break;
            }
        }
    }
}
