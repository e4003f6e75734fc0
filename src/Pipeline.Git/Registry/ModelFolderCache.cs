using System.Text;

namespace Pipeline.Git.Registry;

/// <summary>
/// Which folders under one tree of the registry hold version records, remembered by the tree's object id in
/// <c>.git/pipeline/model-folders</c>. Finding them means reading every model's tree (1,000 trees, each the end of a
/// delta chain, at 100,000 versions: more than git's whole for-each-ref); a tree id names its content for good, so an
/// entry can never be stale, and after a registration only the one changed model folder is read again.
/// The file is a cache: unreadable, missing or unwritable only means the trees are read.
/// </summary>
internal sealed class ModelFolderCache
{
    private const string Magic = "pipeline model-folders v1";
    private readonly string _file;
    private readonly Dictionary<string, string[]> _known = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string[]> _used = new(StringComparer.Ordinal);
    private bool _changed;

    private ModelFolderCache(string file) => _file = file;

    /// <summary>
    /// Entries: NUL-separated fields, a header line then per tree its id, its folder count and the folders (relative to
    /// the tree; "" is the tree itself). Git names may hold any byte but NUL and '/', so NUL is the one safe separator.
    /// </summary>
    public static ModelFolderCache Load(string commonDir)
    {
        var cache = new ModelFolderCache(Path.Combine(commonDir, "pipeline", "model-folders"));
        try
        {
            if (!File.Exists(cache._file))
            {
                return cache;
            }

            var fields = Encoding.UTF8.GetString(File.ReadAllBytes(cache._file)).Split('\0');
            if (fields.Length == 0 || fields[0] != Magic)
            {
                return cache;
            }

            var i = 1;
            while (i + 1 < fields.Length)
            {
                var id = fields[i];
                if (!int.TryParse(
                        fields[i + 1], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var count)
                    || i + 2 + count > fields.Length)
                {
                    cache._known.Clear();
                    break;
                }

                cache._known[id] = fields[(i + 2)..(i + 2 + count)];
                i += 2 + count;
            }
        }
        catch (IOException)
        {
            cache._known.Clear();
        }
        catch (UnauthorizedAccessException)
        {
            cache._known.Clear();
        }

        return cache;
    }

    /// <summary>The folders of tree <paramref name="treeId"/> holding records, read through <paramref name="read"/> when not known.</summary>
    public IReadOnlyList<string> Folders(string treeId, Func<IReadOnlyList<string>> read)
    {
        if (!_known.TryGetValue(treeId, out var folders))
        {
            folders = read().ToArray();
            _changed = true;
        }

        _used[treeId] = folders;
        return folders;
    }

    /// <summary>Keeps only the trees this listing used (old trees would otherwise pile up), written atomically.</summary>
    public void Save()
    {
        if (!_changed && _used.Count == _known.Count)
        {
            return;
        }

        try
        {
            var text = new StringBuilder(Magic);
            foreach (var (id, folders) in _used)
            {
                text.Append('\0').Append(id).Append('\0').Append(folders.Length.ToString(System.Globalization.CultureInfo.InvariantCulture));
                foreach (var f in folders)
                {
                    text.Append('\0').Append(f);
                }
            }

            Directory.CreateDirectory(Path.GetDirectoryName(_file)!);
            var temp = $"{_file}.{Environment.ProcessId}.tmp";
            File.WriteAllBytes(temp, Encoding.UTF8.GetBytes(text.ToString()));
            File.Move(temp, _file, overwrite: true);
        }
        catch (IOException)
        {
            // A read-only repository or a full disk: the next listing reads the trees again.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
