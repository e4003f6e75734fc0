using Pipeline.Core.Lineage;

namespace Pipeline.Core.Artifacts;

/// <summary>
/// The default DVC remote from the committed <c>.dvc/config</c> (git-config style INI: <c>[core] remote = NAME</c>
/// and <c>['remote "NAME"'] url = …</c>). <c>config.local</c> is a machine's own and is not read: a record must name
/// what every clone sees. Credentials in the URL are stripped, as for git remotes.
/// </summary>
public static class DvcRemoteConfig
{
    public static (string? Name, string? Url) Default(string repositoryRoot)
    {
        var path = Path.Combine(repositoryRoot, ".dvc", "config");
        if (!File.Exists(path))
        {
            return (null, null);
        }

        string? section = null, name = null;
        var urls = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var raw in File.ReadLines(path))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line[0] is '#' or ';')
            {
                continue;
            }

            if (line.StartsWith('[') && line.EndsWith(']'))
            {
                section = line[1..^1].Trim().Trim('\'').Trim();
                continue;
            }

            var eq = line.IndexOf('=');
            if (eq < 0 || section is null)
            {
                continue;
            }

            var key = line[..eq].Trim();
            var value = line[(eq + 1)..].Trim();
            if (section == "core" && key == "remote")
            {
                name = value;
            }
            else if (section.StartsWith("remote \"", StringComparison.Ordinal) && section.EndsWith('"') && key == "url")
            {
                urls[section[8..^1]] = value;
            }
        }

        return name is null ? (null, null) : (name, urls.TryGetValue(name, out var url) ? RemoteUrl.StripCredentials(url) : null);
    }
}
