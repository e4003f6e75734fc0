using System.IO.MemoryMappedFiles;
using System.Runtime.CompilerServices;
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

        var packed = Sorted(Packed(Path.Combine(commonDir, "packed-refs"), prefix).ToList());
        var loose = Sorted(Loose(commonDir, prefix).Select(r => new Entry(r.Item1, r.Item2, null, false)).ToList());
        return Merge(packed, loose);
    }

    /// <summary>By name (ordinal, as git sorts), one entry per name: the last one read wins, as it did in a dictionary.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static List<Entry> Sorted(List<Entry> entries)
    {
        var inOrder = true;
        for (var i = 1; i < entries.Count && inOrder; i++)
        {
            inOrder = string.CompareOrdinal(entries[i - 1].Name, entries[i].Name) < 0;
        }

        if (inOrder)
        {
            return entries;
        }

        // git writes packed-refs sorted; an unsorted or duplicated file (hand-edited, another tool) still reads.
        var byName = new Dictionary<string, Entry>(StringComparer.Ordinal);
        foreach (var e in entries)
        {
            byName[e.Name] = e;
        }

        var list = byName.Values.ToList();
        list.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
        return list;
    }

    /// <summary>Both lists sorted: a loose ref overrides the packed one of the same name (git writes the newer value loose).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static List<Entry> Merge(List<Entry> packed, List<Entry> loose)
    {
        if (loose.Count == 0)
        {
            return packed;
        }

        var merged = new List<Entry>(packed.Count + loose.Count);
        int p = 0, l = 0;
        while (p < packed.Count || l < loose.Count)
        {
            var c = p == packed.Count ? 1 : l == loose.Count ? -1 : string.CompareOrdinal(packed[p].Name, loose[l].Name);
            if (c < 0)
            {
                merged.Add(packed[p++]);
            }
            else
            {
                if (c == 0)
                {
                    p++;
                }

                merged.Add(loose[l++]);
            }
        }

        return merged;
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

    /// <summary>A whole-namespace read (list, doctor): one sequential pass over the bytes is faster than seeking line by line.</summary>
    private static List<Entry> PackedScan(string file, string prefix) => PackedRefsText.Parse(File.ReadAllBytes(file), prefix);

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
