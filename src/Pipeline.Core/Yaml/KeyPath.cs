namespace Pipeline.Core.Yaml;

/// <summary>Formats a key path the way users write it: <c>stages.train.deps[0].path</c>.</summary>
internal static class KeyPath
{
    public static string Format(IEnumerable<string> segments)
    {
        var sb = new System.Text.StringBuilder();
        foreach (var s in segments)
        {
            if (sb.Length > 0 && !s.StartsWith('['))
            {
                sb.Append('.');
            }

            sb.Append(s);
        }

        return sb.ToString();
    }
}
