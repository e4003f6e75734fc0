using LibGit2Sharp;
using Pipeline.Core.Diagnostics;

namespace Pipeline.Git.Registry;
/// <summary>Who writes a commit or tag, and when. Resolved like git: GIT_COMMITTER_* first, then user.name/email.</summary>
public sealed record GitIdentity(string Name, string Email, DateTimeOffset When)
{
    public override string ToString() => $"{Name} <{Email}>";

    internal Signature ToSignature() => new(Name, Email, When);

    public static GitIdentity Resolve(string repoPath, DateTimeOffset? when = null)
    {
        var now = when ?? DateTimeOffset.UtcNow;
        var name = Environment.GetEnvironmentVariable("GIT_COMMITTER_NAME");
        var email = Environment.GetEnvironmentVariable("GIT_COMMITTER_EMAIL");
        if (string.IsNullOrWhiteSpace(name) || string.IsNullOrWhiteSpace(email))
        {
            using var config = Native.GitDiscovery.UserConfig(TreeCommitter.CommonDirOf(repoPath));
            name = string.IsNullOrWhiteSpace(name) ? config.Get<string>("user.name")?.Value : name;
            email = string.IsNullOrWhiteSpace(email) ? config.Get<string>("user.email")?.Value : email;
        }

        if (string.IsNullOrWhiteSpace(name) || string.IsNullOrWhiteSpace(email))
        {
            throw new PipelineException(PipeCodes.NoGitIdentity, "git has no user.name/user.email to sign the registry commit and tags");
        }

        return new GitIdentity(name, email, now);
    }
}
