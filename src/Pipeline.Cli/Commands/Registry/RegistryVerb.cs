using System.CommandLine;
using System.Text.Json;
using Pipeline.Core.Canonical;
using Pipeline.Core.Registry;
using Pipeline.Git.Registry;

namespace Pipeline.Cli.Commands.Registry;

/// <summary>The options every registry verb shares (--repo, --registry-dir, --branch, --json) and the store they open.</summary>
internal sealed class RegistryVerb
{
    public Option<string?> Repo { get; } = Verb.RepoOption();

    public Option<string?> RegistryDir { get; } = new("--registry-dir")
    {
        Description = "The registry folder in the repository (default: registry.folder of pipeline.yaml, else registry)."
    };

    public Option<string?> Branch { get; } = new("--branch") { Description = "The branch holding the records (default: the checked-out branch)." };

    public Option<bool> Json { get; } = Verb.JsonOption();

    public Command Add(Command command)
    {
        command.Options.Add(Repo);
        command.Options.Add(RegistryDir);
        command.Options.Add(Branch);
        command.Options.Add(Json);
        return command;
    }

    /// <summary>
    /// The store every verb uses: one resolution of folder and branch (<see cref="RegistryLocation"/>).
    /// <paramref name="folderFallback"/> is a folder found elsewhere (the lineage sources' pipeline.yaml), used when
    /// --registry-dir is absent; the branch still comes from --branch, else registry.branch, else the checked-out one.
    /// </summary>
    public RegistryStore Store(ParseResult parse, string? folderFallback = null)
    {
        var (root, folder, branch) = RegistryLocation.Resolve(
            parse.GetValue(Repo),
            parse.GetValue(RegistryDir) ?? folderFallback,
            parse.GetValue(Branch));
        return new RegistryStore(root, folder, branch);
    }

    /// <summary>--gate-ref REF: the protected ref whose history a version must be on to take an alias.</summary>
    public static Option<string?> GateRefOption() => new("--gate-ref")
    {
        Description = "The protected ref a version's record must be reachable from (default: the registry branch as origin has it, else the local " +
            "branch).",
    };

    /// <summary>--push [REMOTE]: null when absent, "origin" when given without a value.</summary>
    public static Option<string?> PushOption() => new("--push")
    {
        Description = "Publish the commit and tags with 'git push --atomic' to REMOTE (default origin), re-deciding on a lost race.",
        Arity = ArgumentArity.ZeroOrOne,
    };

    public static string? PushRemote(ParseResult parse, Option<string?> push) =>
        parse.GetResult(push) is null ? null : parse.GetValue(push) ?? "origin";

    /// <summary>The remote as printed: a URL's user:token@ removed (the push itself needs it; the output must never carry it).</summary>
    public static string? Shown(string? remote) => remote is null ? null : Pipeline.Git.UrlRedaction.Strip(remote);

    public static void SetAction(Command command, CliConsole console, Option<bool> json, Func<ParseResult, int> body) =>
        // libgit2 errors (locked index, corrupt object) are translated to PIPE codes inside Pipeline.Git (GitFailure).
        Verb.SetAction(command, console, json, body);

    public static void Version(Utf8JsonWriter w, string name, SemVer? v)
    {
        if (v is null)
        {
            w.WriteNull(name);
        }
        else
        {
            w.WriteString(name, v.ToString());
        }
    }

    public static void Str(Utf8JsonWriter w, string name, string? s)
    {
        if (s is null)
        {
            w.WriteNull(name);
        }
        else
        {
            w.WriteString(name, s);
        }
    }

    /// <summary>A record as printed: the JSON it is stored as, Python typing kept.</summary>
    public static System.Text.Json.JsonElement? RecordElement(VersionRecord? record) =>
        record is null ? null : Output.Documents.Element(JsonReader.Parse(VersionRecordJson.Write(record), "record"));

    /// <summary>Parses MODEL, MODEL@vX.Y.Z, MODEL@latest or MODEL#ALIAS.</summary>
    public static (string Model, SemVer? Version, string? Alias) Spec(string spec)
    {
        var at = spec.IndexOf('@');
        var hash = spec.IndexOf('#');
        if (at > 0 && (hash < 0 || at < hash))
        {
            var rest = spec[(at + 1)..];
            return (RegistryNames.Model(spec[..at]), rest == "latest" ? null : SemVer.Parse(rest), null);
        }

        if (hash > 0)
        {
            return (RegistryNames.Model(spec[..hash]), null, RegistryNames.Alias(spec[(hash + 1)..]));
        }

        return (RegistryNames.Model(spec), null, null);
    }
}
