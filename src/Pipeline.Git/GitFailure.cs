using LibGit2Sharp;
using Pipeline.Core.Diagnostics;

namespace Pipeline.Git;

/// <summary>
/// The one place a libgit2 error becomes a PIPE code: at the public entry points of this project (the registry store,
/// remote sync, the promotion service). A locked index or a corrupt object is the environment's failure (exit 3), and
/// the faces above (CLI, tasks, action) never see a LibGit2Sharp type.
/// </summary>
public static class GitFailure
{
    public static T Translate<T>(Func<T> body)
    {
        try
        {
            return body();
        }
        catch (LibGit2SharpException ex)
        {
            throw new PipelineException(PipeCodes.GitWriteFailed, UrlRedaction.Strip(ex.Message));
        }
    }
}
