using System.IO.MemoryMappedFiles;
using System.Text;

namespace Pipeline.Git.Registry;

/// <summary>
/// Finds refs by prefix without listing all of them: a binary search in <c>packed-refs</c> (git writes it sorted)
/// plus one directory listing for loose refs. This is what keeps per-model commands flat at 200,000 tags, where
/// libgit2's glob iterator and GTO parse every ref (gto#156). Reftable repositories fall back to
/// <c>git for-each-ref</c>, which does its own prefix seek.
/// </summary>
internal static class TagRefs
{
    /// <summary>
    /// One ref: its object id and, when packed-refs says so, the commit an annotated tag peels to. With the
    /// "peeled"/"fully-peeled" trait git writes a '^' line after every annotated tag, so <see cref="PeelKnown"/> means
    /// "no peeled line = lightweight" and resolution needs no object reads at all.
    /// </summary>
    public readonly record struct Entry(string Name, string Id, string? Peeled, bool PeelKnown);

    /// <summary>(full ref name, object id) for every ref starting with <paramref name="prefix"/>, loose refs overriding packed ones.</summary>
    public static IReadOnlyList<Entry> WithPrefix(string commonDir, string prefix)
    {
        if (IsReftable(commonDir))
        {
            return ForEachRef(commonDir, prefix).Select(r => new Entry(r.Item1, r.Item2, null, false)).ToArray();
        }

        var found = new SortedDictionary<string, Entry>(StringComparer.Ordinal);
        foreach (var e in Packed(Path.Combine(commonDir, "packed-refs"), prefix))
        {
            found[e.Name] = e;
        }

        foreach (var (name, id) in Loose(commonDir, prefix))
        {
            found[name] = new Entry(name, id, null, false);
        }

        return found.Values.ToArray();
    }

    /// <summary>Every ref under <paramref name="prefix"/> (used by list/doctor, which are about all models by nature).</summary>
    public static IReadOnlyList<Entry> All(string commonDir, string prefix) => WithPrefix(commonDir, prefix);

    private static bool IsReftable(string commonDir) => File.Exists(Path.Combine(commonDir, "reftable", "tables.list"));

    private static IEnumerable<(string, string)> Loose(string commonDir, string prefix)
    {
        // refs/tags/org/model@ → directory refs/tags/org, file names starting with "model@".
        var slash = prefix.LastIndexOf('/');
        var dir = Path.Combine(commonDir, prefix[..slash].Replace('/', Path.DirectorySeparatorChar));
        var start = prefix[(slash + 1)..];
        if (!Directory.Exists(dir))
        {
            yield break;
        }

        var stack = new Stack<(string Dir, string RefDir)>();
        stack.Push((dir, prefix[..slash]));
        while (stack.Count > 0)
        {
            var (d, refDir) = stack.Pop();
            foreach (var entry in new DirectoryInfo(d).EnumerateFileSystemInfos())
            {
                var name = entry.Name;
                var isTop = refDir.Length == slash;
                if (isTop && !name.StartsWith(start, StringComparison.Ordinal))
                {
                    continue;
                }

                if (name.EndsWith(".lock", StringComparison.Ordinal))
                {
                    continue;
                }

                var refName = refDir + "/" + name;
                if (entry is DirectoryInfo)
                {
                    stack.Push((entry.FullName, refName));
                    continue;
                }

                var text = File.ReadAllText(entry.FullName).Trim();
                if (text.Length == 40 || text.Length == 64)
                {
                    yield return (refName, text);
                }
            }
        }
    }

    private static IEnumerable<Entry> Packed(string file, string prefix)
    {
        if (!File.Exists(file) || new FileInfo(file).Length == 0)
        {
            return [];
        }

        if (prefix is "refs/" or "refs/tags/")
        {
            return PackedScan(file, prefix);
        }

        using var mmf = MemoryMappedFile.CreateFromFile(file, FileMode.Open, null, 0, MemoryMappedFileAccess.Read);
        using var view = mmf.CreateViewAccessor(0, 0, MemoryMappedFileAccess.Read);
        var length = new FileInfo(file).Length;
        var reader = new Lines(view, length);
        var results = new List<Entry>();
        var header = reader.LineAt(0);
        var traits = header.StartsWith("# pack-refs with:", StringComparison.Ordinal) ? header : "";
        var sorted = traits.Contains(" sorted", StringComparison.Ordinal);
        var peelKnown = traits.Contains(" peeled", StringComparison.Ordinal) || traits.Contains(" fully-peeled", StringComparison.Ordinal);
        var key = Encoding.UTF8.GetBytes(prefix);
        long pos = sorted ? reader.LowerBound(key) : 0;
        var lastMatched = false;
        while (pos < length)
        {
            var (line, next) = reader.Read(pos);
            pos = next;
            if (line.Length >= 41 && line[0] == '^' && results.Count > 0 && results[^1].Peeled is null && lastMatched)
            {
                results[^1] = results[^1] with { Peeled = line[1..41] };
                continue;
            }

            lastMatched = false;
            if (line.Length < 42 || line[0] == '#' || line[0] == '^')
            {
                continue;
            }

            var name = line[41..];
            if (name.StartsWith(prefix, StringComparison.Ordinal))
            {
                results.Add(new Entry(name, line[..40], null, peelKnown));
                lastMatched = true;
            }
            else if (sorted && string.CompareOrdinal(name, prefix) > 0)
            {
                break;
            }
        }

        return results;
    }

    /// <summary>A whole-namespace read (list, doctor): one sequential pass is faster than seeking line by line.</summary>
    private static List<Entry> PackedScan(string file, string prefix)
    {
        var results = new List<Entry>();
        var peelKnown = false;
        var lastMatched = false;
        foreach (var line in File.ReadLines(file))
        {
            if (line.StartsWith('#'))
            {
                peelKnown = line.Contains(" peeled", StringComparison.Ordinal) || line.Contains(" fully-peeled", StringComparison.Ordinal);
                continue;
            }

            if (line.StartsWith('^'))
            {
                if (lastMatched && line.Length >= 41)
                {
                    results[^1] = results[^1] with { Peeled = line[1..41] };
                }

                lastMatched = false;
                continue;
            }

            lastMatched = line.Length > 41 && string.CompareOrdinal(line, 41, prefix, 0, prefix.Length) == 0;
            if (lastMatched)
            {
                results.Add(new Entry(line[41..], line[..40], null, peelKnown));
            }
        }

        return results;
    }

    private static IReadOnlyList<(string, string)> ForEachRef(string commonDir, string prefix)
    {
        var output = GitCli.Run(commonDir, "for-each-ref", "--format=%(refname) %(objectname)", prefix.EndsWith('/') ? prefix : prefix + "*");
        return output.StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => l.Split(' '))
            .Where(p => p.Length == 2 && p[0].StartsWith(prefix, StringComparison.Ordinal))
            .Select(p => (p[0], p[1]))
            .ToArray();
    }

    /// <summary>Line access over the mapped file: find the start of a line around any byte, compare names.</summary>
    private sealed class Lines(MemoryMappedViewAccessor view, long length)
    {
        public string LineAt(long pos) => Read(pos).Line;

        public (string Line, long Next) Read(long pos)
        {
            var end = pos;
            while (end < length && view.ReadByte(end) != (byte)'\n')
            {
                end++;
            }

            var bytes = new byte[end - pos];
            view.ReadArray(pos, bytes, 0, bytes.Length);
            return (Encoding.UTF8.GetString(bytes).TrimEnd('\r'), end + 1);
        }

        /// <summary>Offset of the first ref line whose name is ≥ key (lines '#'/'^' are skipped by moving forward).</summary>
        public long LowerBound(byte[] key)
        {
            long lo = 0, hi = length;
            while (lo < hi)
            {
                var mid = lo + ((hi - lo) / 2);
                var start = StartOfRefLine(mid);
                if (start >= hi)
                {
                    hi = mid;
                    continue;
                }

                if (CompareName(start, key) < 0)
                {
                    lo = Read(start).Next;
                }
                else
                {
                    hi = start;
                }
            }

            return lo;
        }

        private long StartOfRefLine(long pos)
        {
            var p = pos;
            while (p > 0 && view.ReadByte(p - 1) != (byte)'\n')
            {
                p--;
            }
            // Move forward past header and peeled lines to the next ref line.
            while (p < length && view.ReadByte(p) is (byte)'#' or (byte)'^')
            {
                p = Read(p).Next;
            }

            return p;
        }

        private int CompareName(long lineStart, byte[] key)
        {
            var p = lineStart + 41;
            for (var i = 0; i < key.Length; i++, p++)
            {
                if (p >= length)
                {
                    return -1;
                }

                var b = view.ReadByte(p);
                if (b == (byte)'\n')
                {
                    return -1;
                }

                if (b != key[i])
                {
                    return b < key[i] ? -1 : 1;
                }
            }

            return 0;
        }
    }
}
