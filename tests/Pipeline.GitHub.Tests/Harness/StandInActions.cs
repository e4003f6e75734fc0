using System.Text;

namespace Pipeline.GitHub.Tests.Harness;

/// <summary>What one stand-in did: exit code, outputs, and a log line for the run's log.</summary>
internal sealed record StandInResult(int ExitCode, Dictionary<string, string> Outputs, string Log);

/// <summary>The job a stand-in runs in: the workspace, the job's temp folder and token, the event, the job's permissions.</summary>
internal sealed record StandInJob(
    string Workspace,
    string RunnerTemp,
    string GitHubToken,
    WorkflowEvent? Event,
    IReadOnlyDictionary<string, string> Permissions);

/// <summary>
/// Strict stand-ins for the third-party actions the samples and action.yml use, so the harness runs every step and
/// skips none silently. Each one does the part of its action a later step depends on, for real where it can, and
/// refuses inputs it does not model (a typo or a new option fails the test, as an unknown `uses:` does):
/// <list type="bullet">
/// <item>actions/checkout: a real clone of the remote into the workspace as the action makes it (git init, fetch of
/// the event's sha — every branch and tag with fetch-depth: 0, else that commit only, tags only with fetch-tags —
/// then a local branch for a branch ref, a detached HEAD for a tag or pull request). It persists the token (input
/// `token`, default GITHUB_TOKEN) as the clone's push credential (the push option token=…; the real action writes an
/// http.extraheader), so later pushes carry that token's permissions, and the protected remote checks them.</item>
/// <item>actions/create-github-app-token: needs app-id and private-key (empty: fails as the action does), outputs a
/// new installation token (ghs_…) granted contents: write on the remote; the fake GitHub accepts it and does not
/// treat it as a GITHUB_TOKEN.</item>
/// <item>actions/upload-artifact, actions/upload-pages-artifact: record the named files (the pages artifact must be
/// a folder with an index.html); actions/deploy-pages: needs pages: write and id-token: write and an uploaded pages
/// artifact, outputs page_url.</item>
/// <item>actions/setup-dotnet: fails (the harness is offline; action.yml must find the machine's SDK and skip it);
/// actions/cache/restore and actions/cache/save: a real cache in a folder, keyed by `key`, every restore and save
/// recorded.</item>
/// </list>
/// `docker` is not an action but a program on the runner: every job gets a `docker` on PATH that records its
/// arguments (<see cref="DockerCalls"/>) and accepts only `docker build` with a context folder that exists.
/// </summary>
internal sealed class StandInActions : IDisposable
{
    private readonly string store = Directory.CreateTempSubdirectory("pipeline-standins-").FullName;
    private int tokens;

    /// <param name="grant">Called with each app token issued (the harness grants it contents: write on the remote).</param>
    public StandInActions(Action<string>? grant = null)
    {
        Grant = grant ?? (_ => { });
        DockerBin = Directory.CreateDirectory(Path.Combine(store, "bin")).FullName;
        DockerLog = Path.Combine(store, "docker-calls");
        File.WriteAllText(Path.Combine(DockerBin, "docker"), """
            #!/usr/bin/env bash
            # The harness's stand-in for docker: records the arguments (one per line, a blank line after each call).
            if [[ "${1:-}" != build ]]; then echo "harness: only 'docker build' is stood in for, not 'docker $*'" >&2; exit 1; fi
            if [[ ! -d "${@: -1}" ]]; then echo "harness: docker build: context '${@: -1}' is not a folder" >&2; exit 1; fi
            { printf '%s\n' "$@"; echo; } >> "$HARNESS_DOCKER_LOG"

            """.Replace("\r\n", "\n", StringComparison.Ordinal));
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(Path.Combine(DockerBin, "docker"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    private Action<string> Grant { get; }

    /// <summary>Put first on every job's PATH (the docker stand-in).</summary>
    public string DockerBin { get; }

    /// <summary>The file the docker stand-in appends to (HARNESS_DOCKER_LOG).</summary>
    public string DockerLog { get; }

    /// <summary>Each `docker` call's arguments, in order.</summary>
    public IReadOnlyList<string[]> DockerCalls =>
        File.Exists(DockerLog)
            ? File.ReadAllText(DockerLog)
                .Split("\n\n", StringSplitOptions.RemoveEmptyEntries)
                .Select(c => c.Split('\n', StringSplitOptions.RemoveEmptyEntries))
                .ToArray()
            : [];

    /// <summary>The remote actions/checkout clones (a bare repository's URL); null: checkout fails.</summary>
    public string? RemoteUrl { get; set; }

    public List<(string Workspace, string Ref, string Sha, string Token)> Checkouts { get; } = [];

    public List<string> AppTokens { get; } = [];

    /// <summary>Uploaded artifacts by name: the files' paths relative to the uploaded path, and their text.</summary>
    public Dictionary<string, Dictionary<string, string>> Artifacts { get; } = [];

    public List<string> PagesDeployed { get; } = [];

    public List<string> CacheRestores { get; } = [];

    public List<string> CacheSaves { get; } = [];

    private static readonly Dictionary<string, string[]> Inputs = new(StringComparer.Ordinal)
    {
        ["actions/checkout"] = ["fetch-depth", "fetch-tags", "token", "ref", "persist-credentials"],
        ["actions/create-github-app-token"] = ["app-id", "private-key", "owner", "repositories"],
        ["actions/upload-artifact"] = ["name", "path", "if-no-files-found", "retention-days"],
        ["actions/upload-pages-artifact"] = ["path", "retention-days"],
        ["actions/deploy-pages"] = [],
        ["actions/setup-dotnet"] = ["dotnet-version"],
        ["actions/cache/restore"] = ["path", "key"],
        ["actions/cache/save"] = ["path", "key"],
    };

    /// <summary>Runs the stand-in for <paramref name="uses"/> (OWNER/NAME[/PATH]@REF); an action it does not know throws.</summary>
    public StandInResult Run(string uses, IReadOnlyDictionary<string, string> with, StandInJob job)
    {
        var name = uses.Split('@')[0];
        if (!Inputs.TryGetValue(name, out var known))
        {
            throw new NotSupportedException($"the harness has no stand-in for '{uses}': add one to StandInActions (never skip a step)");
        }

        if (with.Keys.FirstOrDefault(k => !known.Contains(k)) is { } unknown)
        {
            throw new NotSupportedException($"the stand-in for {name} does not model its input '{unknown}'");
        }

        string Input(string key, string fallback = "") => with.TryGetValue(key, out var v) && v.Length > 0 ? v : fallback;
        return name switch
        {
            "actions/checkout" =>
                Checkout(
                    job,
                    Input("fetch-depth", "1"),
                    Input("fetch-tags", "false"),
                    Input("token", job.GitHubToken),
                    Input("ref"),
                    Input("persist-credentials", "true")),
            "actions/create-github-app-token" => AppToken(Input("app-id"), Input("private-key")),
            "actions/upload-artifact" => UploadArtifact(job, Input("name", "artifact"), Input("path"), Input("if-no-files-found", "warn")),
            "actions/upload-pages-artifact" => UploadPages(job, Input("path", "_site")),
            "actions/deploy-pages" => DeployPages(job),
            "actions/setup-dotnet" =>
                new StandInResult(
                    1,
                    [],
                    $"harness: actions/setup-dotnet would download .NET {Input("dotnet-version")}; the harness is offline, and action.yml must " +
                    "skip it when the machine's SDK satisfies dotnet-version"),
            "actions/cache/restore" => CacheRestore(Input("path"), Input("key")),
            "actions/cache/save" => CacheSave(Input("path"), Input("key")),
            _ => throw new InvalidOperationException(name),
        };
    }

    private StandInResult Checkout(StandInJob job, string depth, string fetchTags, string token, string reference, string persist)
    {
        if (RemoteUrl is null)
        {
            throw new InvalidOperationException("actions/checkout: the harness was given no remote to clone");
        }

        if (job.Event is null)
        {
            throw new InvalidOperationException("actions/checkout runs in a workflow job (it needs the event's ref and sha)");
        }

        var log = new StringBuilder();
        var ws = job.Workspace;
        var target = reference.Length > 0 ? reference : job.Event.Ref;
        var sha = reference.Length > 0 ? null : job.Event.Sha;
        Git(ws, log, "init", "-q");
        Git(ws, log, "remote", "add", "origin", RemoteUrl);
        var full = depth == "0";
        List<string> fetch = ["fetch", "-q", "--prune", "--no-recurse-submodules"];
        if (!full)
        {
            fetch.Add("--depth=" + depth);
        }

        if (!full && fetchTags != "true")
        {
            fetch.Add("--no-tags");
        }

        fetch.Add("origin");
        var (kind, local) = target switch
        {
            _ when target.StartsWith("refs/heads/", StringComparison.Ordinal) => ("branch", target["refs/heads/".Length..]),
            _ when target.StartsWith("refs/tags/", StringComparison.Ordinal) => ("tag", target["refs/tags/".Length..]),
            _ when target.StartsWith("refs/pull/", StringComparison.Ordinal) => ("pull", target["refs/".Length..]),
            _ => throw new NotSupportedException($"actions/checkout stand-in: ref '{target}' is not refs/heads, refs/tags or refs/pull"),
        };
        var tracking = kind switch
        {
            "branch" => $"refs/remotes/origin/{local}",
            "tag" => $"refs/tags/{local}",
            _ => $"refs/remotes/{local}",
        };

        // The action's refspecs: all history = every branch and tag (plus the pull request's merge commit); else the
        // event's commit alone under the ref's name (for a tag: a lightweight tag at the commit, as the action does).
        if (full)
        {
            fetch.AddRange(["+refs/heads/*:refs/remotes/origin/*", "+refs/tags/*:refs/tags/*"]);
            if (kind == "pull")
            {
                fetch.Add($"+{sha ?? target}:{tracking}");
            }
        }
        else
        {
            fetch.Add($"+{sha ?? target}:{tracking}");
        }

        var code = Git(ws, log, [.. fetch]);
        if (code == 0)
        {
            code = kind == "branch"
                ? Git(ws, log, "checkout", "-q", "--force", "-B", local, sha ?? tracking)
                : Git(ws, log, "checkout", "-q", "--force", "--detach", tracking);
        }

        if (code == 0 && persist == "true")
        {
            Git(ws, log, "config", "--local", "push.pushOption", "token=" + token);
        }

        Checkouts.Add((ws, target, sha ?? target, token));
        return new StandInResult(code, [], log.Length == 0 ? $"checked out {target} at {sha ?? target}" : log.ToString());
    }

    private StandInResult AppToken(string appId, string privateKey)
    {
        if (appId.Length == 0 || privateKey.Length == 0)
        {
            return new StandInResult(1, [], $"Error: [@octokit/auth-app] {(appId.Length == 0 ? "appId" : "privateKey")} option is required");
        }

        var token = $"ghs_app{++tokens}{Guid.NewGuid():N}";
        AppTokens.Add(token);
        Grant(token);
        return new StandInResult(
            0,
            new() { ["token"] = token, ["installation-id"] = "4242", ["app-slug"] = "pipeline-models" },
            "app installation token issued (contents: write, pull-requests: write)");
    }

    private StandInResult UploadArtifact(StandInJob job, string name, string path, string ifNone)
    {
        var full = Path.Combine(job.Workspace, path);
        var files = File.Exists(full) ? new Dictionary<string, string> { [Path.GetFileName(full)] = File.ReadAllText(full) }
            : Directory.Exists(full) ? Directory.EnumerateFiles(full, "*", SearchOption.AllDirectories)
                .ToDictionary(f => Path.GetRelativePath(full, f), File.ReadAllText)
            : [];
        if (files.Count == 0)
        {
            return ifNone == "error"
                ? new StandInResult(1, [], $"Error: No files were found with the provided path: {path}. No artifacts will be uploaded.")
                : new StandInResult(0, [], $"Warning: No files were found with the provided path: {path}. No artifacts will be uploaded.");
        }

        if (!Artifacts.TryAdd(name, files))
        {
            return new StandInResult(
                1,
                [],
                $"Error: Failed to CreateArtifact: an artifact with this name already exists on the workflow run: {name}");
        }

        return new StandInResult(
            0,
            new() { ["artifact-id"] = Artifacts.Count.ToString(System.Globalization.CultureInfo.InvariantCulture) },
            $"uploaded artifact {name}: {string.Join(", ", files.Keys)}");
    }

    private StandInResult UploadPages(StandInJob job, string path)
    {
        var full = Path.Combine(job.Workspace, path);
        if (!Directory.Exists(full))
        {
            return new StandInResult(1, [], $"tar: {path}: Cannot open: No such file or directory");
        }

        var files = Directory.EnumerateFiles(full, "*", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(full, f), File.ReadAllText);
        Artifacts["github-pages"] = files;
        return new StandInResult(0, new() { ["artifact_id"] = "1" }, $"pages artifact: {files.Count} files");
    }

    private StandInResult DeployPages(StandInJob job)
    {
        foreach (var (scope, level) in new[] { ("pages", "write"), ("id-token", "write") })
        {
            if (!job.Permissions.TryGetValue(scope, out var given) || given != level)
            {
                return new StandInResult(1, [], $"Error: Ensure GITHUB_TOKEN has permission \"{scope}: {level}\".");
            }
        }

        if (!Artifacts.TryGetValue("github-pages", out var site) || !site.ContainsKey("index.html"))
        {
            return new StandInResult(
                1,
                [],
                "Error: No uploaded artifact was found (or it has no index.html)! Please check if there are any errors at build step.");
        }

        var url = $"https://{ActionHarness.Repository.Split('/')[0]}.github.io/{ActionHarness.Repository.Split('/')[1]}/";
        PagesDeployed.Add(url);
        return new StandInResult(0, new() { ["page_url"] = url }, "deployed " + url);
    }

    private string CacheFolder(string key) =>
        Path.Combine(store, "cache", Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(key))));

    private StandInResult CacheRestore(string path, string key)
    {
        CacheRestores.Add(key);
        var hit = Directory.Exists(CacheFolder(key));
        if (hit)
        {
            Copy(CacheFolder(key), path);
        }

        return new StandInResult(
            0,
            new() { ["cache-hit"] = hit ? "true" : "false", ["cache-primary-key"] = key },
            $"cache {(hit ? "restored" : "not found")}: {key}");
    }

    private StandInResult CacheSave(string path, string key)
    {
        CacheSaves.Add(key);
        if (Directory.Exists(CacheFolder(key)))
        {
            return new StandInResult(
                0,
                [],
                $"Warning: Failed to save: Unable to reserve cache with key {key}, another job may be creating this cache.");
        }

        if (!Directory.Exists(path))
        {
            return new StandInResult(
                0,
                [],
                $"Warning: Path Validation Error: Path(s) specified in the action for caching do(es) not exist, hence no cache is being saved.");
        }

        Copy(path, CacheFolder(key));
        return new StandInResult(0, [], "cache saved: " + key);
    }

    private static void Copy(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target, overwrite: true);
        }
    }

    private static int Git(string directory, StringBuilder log, params string[] args)
    {
        var (code, output, error) = GitProcess.TryRun(directory, args);
        if (code != 0)
        {
            log.Append($"git {string.Join(' ', args)}: exit {code}\n{output}{error}");
        }

        return code;
    }

    public void Dispose() => TempFolder.Delete(store);
}
