using LibGit2Sharp;
using Pipeline.Core.Canonical;
using Pipeline.Core.Diagnostics;
using Pipeline.Core.Lineage;
using Pipeline.Core.Registry;

namespace Pipeline.Git.Registry;

using Repository = LibGit2Sharp.Repository;

public sealed partial class RegistryStore
{
    private const int LocalAttempts = 5;

    /// <summary>
    /// Registers a version: one commit adding <c>&lt;dir&gt;/&lt;model&gt;/&lt;version&gt;.json</c>, then the annotated tag
    /// <c>&lt;model&gt;@&lt;version&gt;</c> on it. A lineage already registered for the model returns that version (nothing
    /// written, but a missing tag is created: the completion of an interrupted register) unless ForceNew.
    /// </summary>
    public RegisterResult Register(RegisterRequest request, GitIdentity? who = null) =>
        GitFailure.Translate(() => RegisterCore(request, who));

    private RegisterResult RegisterCore(RegisterRequest request, GitIdentity? who)
    {
        var model = RegistryNames.Model(request.Model);
        var branch = RequireBranch();
        var identity = who ?? GitIdentity.Resolve(RepoPath);
        var fingerprint = Fingerprint.Compute(request.Lineage);
        var evals = request.Evals ?? [];
        CheckEvals(request, fingerprint);

        for (var attempt = 1; ; attempt++)
        {
            // Decide and write under one lock, and commit with a compare-and-swap against the head the decision read:
            // a record another writer added in between is never replaced (issue: two registers of one version).
            using var writeLock = WriteLock.Take(CommonDir);
            using var repo = Open();
            var head = BranchCommit(repo)?.Sha;
            var state = ModelState.From(model, ReadTags(repo, model));
            var records = RecordsOnBranch(repo, model);
            // A register killed between its commit and its tag left a record with no tag (the version is not real yet):
            // finish it first, on the commit that added the record, exactly as publish would, so a kill never leaves a
            // half-made version behind whatever the next register's lineage.
            foreach (var orphan in records.Where(r => state.TagOf(r.Version) is null))
            {
                var orphanPath = orphan.Path(RegistryDir);
                if (CommitThatAdded(repo, orphanPath) is { } added)
                {
                    CreateTag(
                        repo,
                        RegistryTag.ForVersion(model, orphan.Version),
                        added,
                        RegistrationMessage(orphan, orphanPath, identity),
                        identity);
                    state = ModelState.From(model, ReadTags(repo, model));
                }
            }

            // Same fingerprint AND the same cleanliness: a clean registration is never swallowed by a dirty version that
            // happens to share its fingerprint (a dirty change to code only), nor a dirty one passed off as the clean one.
            var dirty = DirtyLineage.Of(request.Lineage, request.LineageSources);
            if (!request.ForceNew && records.Where(r => r.Fingerprint == fingerprint && DirtyLineage.Of(r.Lineage, r.LineageSources) == dirty)
                    .MinBy(r => r.Version) is { } existing)
            {
                return Existing(repo, state, existing, identity);
            }

            var version = request.Version
                ?? (state.Versions.Select(v => v.Version).Concat(records.Select(r => r.Version)).Max() ?? new SemVer(0, 0, 0, null, null))
                    .Bump(request.Bump);
            // By precedence, not text: v1.0.0 and v1.0.0+build differ only in build metadata, which SemVer ignores.
            var taken = state.Versions.Select(v => v.Version).Concat(records.Select(r => r.Version)).FirstOrDefault(v => v.CompareTo(version) == 0);
            if (taken is not null)
            {
                throw new PipelineException(PipeCodes.VersionExists, taken.Equals(version)
                    ? $"{model}@{version} is already registered with another lineage"
                    : $"{model}@{version} is already registered as {taken} with another lineage (build metadata does not make another version)");
            }

            var record = new VersionRecord(model, version, fingerprint, LineageFields.Scheme, request.Lineage, request.LineageSources,
                request.Artifact, evals, request.Metrics, request.Description, identity.When, identity.ToString())
            {
                Run = request.Run,
            };
            var path = record.Path(RegistryDir);
            var changes = new Dictionary<string, byte[]?> { [path] = VersionRecordJson.Write(record) };
            var modelFile = $"{RegistryDir}/{model}/model.json";
            if (BranchCommit(repo)?[modelFile] is null)
            {
                changes[modelFile] = ModelFile(model, request.Description);
            }

            CommitResult commit;
            try
            {
                commit = TreeCommitter.Commit(
                    RepoPath,
                    branch,
                    changes,
                    $"registry: register {model} {version}\n\nfingerprint {fingerprint}",
                    identity,
                    onto: null, expectedOld: head, createOnly: changes.Keys.ToArray(), lineageFolder: RegistryDir);
            }
            catch (PipelineException ex) when (ex.Code is var c
                && (c == PipeCodes.BranchMoved || c == PipeCodes.RecordImmutable)
                && attempt < LocalAttempts)
            {
                continue;
            }

            var tag = RegistryTag.ForVersion(model, version);
            CreateTag(repo, tag, commit.Commit, RegistrationMessage(record, path, identity), identity);
            return new RegisterResult(model, version, fingerprint, commit.Commit, tag, Created: true, path, commit.Parent);
        }
    }

    private RegisterResult Existing(Repository repo, ModelState state, VersionRecord existing, GitIdentity identity)
    {
        var path = existing.Path(RegistryDir);
        var tagName = RegistryTag.ForVersion(existing.Model, existing.Version);
        if (state.TagOf(existing.Version) is { } tag)
        {
            return new RegisterResult(existing.Model, existing.Version, existing.Fingerprint, tag.TargetCommit, tagName, Created: false, path);
        }

        // Record committed but tag missing (an interrupted register): tag the commit that added the record.
        var added = CommitThatAdded(repo, path)
            ?? throw new PipelineException(PipeCodes.RecordInvalid, $"cannot find the commit that added {path}", path);
        CreateTag(repo, tagName, added, RegistrationMessage(existing, path, identity), identity);
        return new RegisterResult(existing.Model, existing.Version, existing.Fingerprint, added, tagName, Created: false, path);
    }

    private string? CommitThatAdded(Repository repo, string path)
    {
        var commit = BranchCommit(repo);
        var blob = commit?[path]?.Target?.Id;
        while (commit is not null && blob is not null)
        {
            var parent = commit.Parents.FirstOrDefault();
            if (parent?[path]?.Target?.Id != blob)
            {
                return commit.Sha;
            }

            commit = parent;
        }

        return null;
    }

    /// <summary>Creates an annotated tag; an existing tag on the same commit is success (re-run), elsewhere PIPE3011.</summary>
    internal static void CreateTag(Repository repo, string name, string commit, string message, GitIdentity identity)
    {
        var target = repo.Lookup<Commit>(commit) ?? throw new PipelineException(PipeCodes.GitWriteFailed, $"commit {commit} not found");
        try
        {
            repo.Tags.Add(name, target, identity.ToSignature(), message, allowOverwrite: false);
        }
        catch (NameConflictException)
        {
            var existing = repo.Tags[name];
            var peeled = existing?.PeeledTarget?.Sha;
            if (peeled != commit || existing?.IsAnnotated != true)
            {
                throw new PipelineException(PipeCodes.TagConflict, $"tag '{name}' already exists on {peeled ?? "?"} (wanted {commit})");
            }
        }
    }

    internal static string RegistrationMessage(VersionRecord record, string path, GitIdentity identity)
    {
        var payload = new List<Member>
        {
            M("action", Value.From("register")),
            M("model", Value.From(record.Model)),
            M("version", Value.From(record.Version.ToString())),
            M("fingerprint", Value.From(record.Fingerprint)),
            M("record", Value.From(path)),
            M("actor", Value.From(identity.ToString())),
            M("time", Value.From(Iso(identity.When))),
        };
        if (record.Artifact is { } a)
        {
            payload.Add(
                M("artifact", new ObjectValue([M("uri", Value.From(a.Uri)), M("sha256", a.Sha256 is null ? Value.Null : Value.From(a.Sha256))])));
        }

        return TagMessage.Format($"Registering artifact {record.Model} version {record.Version}", new ObjectValue(payload));
    }

    internal static byte[] ModelFile(string model, string? description)
    {
        var obj = new ObjectValue(
            [M("name", Value.From(model)),
                M("description", description is null ? Value.Null : Value.From(description)),
                M("owners", new ArrayValue([])),
                M("labels", new ArrayValue([]))]);
        using var buffer = new MemoryStream();
        using (
            var w = new System.Text.Json.Utf8JsonWriter(
                buffer,
                new System.Text.Json.JsonWriterOptions
                {
                    Indented = true,
                    Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping
                }))
        {
            ValueJson.Write(w, obj);
        }

        buffer.WriteByte((byte)'\n');
        return buffer.ToArray();
    }

    internal static Member M(string key, Value value) => new(key, value, 0);

    internal static string Iso(DateTimeOffset t) =>
        t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
}
