using System.Buffers.Binary;
using System.IO.MemoryMappedFiles;
using System.Runtime.CompilerServices;

namespace Pipeline.Git.Reading;

/// <summary>
/// The type of an object read straight from the pack files: the pack index (v2) gives its offset, the first byte of
/// its entry in the pack gives its type. `list` needs the type of every tag's target (a tag on a tree or blob is never a
/// version) — 100,000 of them — and asking libgit2 one object at a time cost more than git's whole for-each-ref.
/// Only what the packs answer for certain is answered: an object stored as a delta, a loose object, one in an
/// alternate or a repository with another index format or hash gets null, and the caller asks libgit2.
/// </summary>
internal sealed class PackedObjectTypes : IDisposable
{
    /// <summary>The object type codes of git's pack format (the ones this reader answers with).</summary>
    public const int Commit = 1;
    public const int Tree = 2;
    public const int Blob = 3;
    public const int Tag = 4;

    private const int IdLength = 20;
    private readonly List<Pack> _packs;

    private PackedObjectTypes(List<Pack> packs) => _packs = packs;

    /// <summary>Reads the indexes of <c>objects/pack/*.idx</c> under <paramref name="objectsDir"/>; a pack it cannot read is left to
    /// libgit2.</summary>
    public static PackedObjectTypes Open(string objectsDir)
    {
        var packs = new List<Pack>();
        var folder = Path.Combine(objectsDir, "pack");
        if (Directory.Exists(folder))
        {
            foreach (var idx in Directory.EnumerateFiles(folder, "pack-*.idx"))
            {
                if (Pack.TryOpen(idx, Path.ChangeExtension(idx, ".pack")) is { } pack)
                {
                    packs.Add(pack);
                }
            }
        }

        return new PackedObjectTypes(packs);
    }

    /// <summary>1 commit, 2 tree, 3 blob, 4 tag; null when the packs do not say for certain (see the class comment).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public int? TypeOf(string hexId)
    {
        Span<byte> id = stackalloc byte[IdLength];
        if (hexId.Length != IdLength * 2
            || Convert.FromHexString(hexId, id, out _, out var written) != System.Buffers.OperationStatus.Done
            || written != IdLength)
        {
            return null;
        }

        foreach (var pack in _packs)
        {
            if (pack.Find(id) is long offset)
            {
                return pack.TypeAt(offset);
            }
        }

        return null;
    }

    public void Dispose()
    {
        foreach (var pack in _packs)
        {
            pack.Dispose();
        }
    }

    private sealed class Pack : IDisposable
    {
        private readonly int[] _fanout;
        private readonly byte[] _ids;
        private readonly byte[] _offsets;
        private readonly byte[] _largeOffsets;
        private readonly MemoryMappedFile _map;
        private readonly MemoryMappedViewAccessor _view;
        private readonly long _packLength;

        private Pack(
            int[] fanout, byte[] ids, byte[] offsets, byte[] largeOffsets, MemoryMappedFile map, MemoryMappedViewAccessor view, long packLength)
        {
            (_fanout, _ids, _offsets, _largeOffsets, _map, _view, _packLength) = (fanout, ids, offsets, largeOffsets, map, view, packLength);
        }

        /// <summary>
        /// Index v2 (git's pack-format.txt): magic "\377tOc", version 2, a 256-entry fan-out, the sorted ids, their CRCs,
        /// 4-byte offsets (high bit: an index into the 8-byte table), the 8-byte offsets, two trailing checksums. A file
        /// whose sizes do not add up for 20-byte ids (version 1, SHA-256, truncated) is not read.
        /// </summary>
        public static Pack? TryOpen(string idxPath, string packPath)
        {
            try
            {
                if (!File.Exists(packPath))
                {
                    return null;
                }

                using var idx = File.OpenHandle(idxPath);
                var length = RandomAccess.GetLength(idx);
                Span<byte> head = stackalloc byte[8 + (256 * 4)];
                if (length < head.Length || RandomAccess.Read(idx, head, 0) != head.Length)
                {
                    return null;
                }

                if (!head[..8].SequenceEqual((ReadOnlySpan<byte>)[0xff, (byte)'t', (byte)'O', (byte)'c', 0, 0, 0, 2]))
                {
                    return null;
                }

                var fanout = new int[256];
                for (var i = 0; i < 256; i++)
                {
                    var count = BinaryPrimitives.ReadUInt32BigEndian(head[(8 + (i * 4))..]);
                    if (count > int.MaxValue / 32 || (i > 0 && count < fanout[i - 1]))
                    {
                        return null;
                    }

                    fanout[i] = (int)count;
                }

                var n = (long)fanout[255];
                var tables = head.Length + (n * (IdLength + 4 + 4));
                var large = length - tables - (2 * IdLength);
                if (large < 0 || large % 8 != 0)
                {
                    return null;
                }

                var ids = new byte[n * IdLength];
                var offsets = new byte[n * 4];
                var largeOffsets = new byte[large];
                if (RandomAccess.Read(idx, ids, head.Length) != ids.Length
                    || RandomAccess.Read(idx, offsets, head.Length + (n * (IdLength + 4))) != offsets.Length
                    || RandomAccess.Read(idx, largeOffsets, tables) != largeOffsets.Length)
                {
                    return null;
                }

                var packLength = new FileInfo(packPath).Length;
                if (packLength == 0)
                {
                    return null;
                }

                var map = MemoryMappedFile.CreateFromFile(packPath, FileMode.Open, null, 0, MemoryMappedFileAccess.Read);
                return new Pack(fanout, ids, offsets, largeOffsets, map, map.CreateViewAccessor(0, 0, MemoryMappedFileAccess.Read), packLength);
            }
            catch (IOException)
            {
                return null;
            }
            catch (UnauthorizedAccessException)
            {
                return null;
            }
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public long? Find(ReadOnlySpan<byte> id)
        {
            var lo = id[0] == 0 ? 0 : _fanout[id[0] - 1];
            var hi = _fanout[id[0]];
            var ids = _ids.AsSpan();
            while (lo < hi)
            {
                var mid = lo + ((hi - lo) / 2);
                var c = ids.Slice(mid * IdLength, IdLength).SequenceCompareTo(id);
                if (c == 0)
                {
                    return OffsetOf(mid);
                }

                if (c < 0)
                {
                    lo = mid + 1;
                }
                else
                {
                    hi = mid;
                }
            }

            return null;
        }

        /// <summary>The type bits of the entry's first byte; a delta (6, 7) or anything odd is not answered.</summary>
        public int? TypeAt(long offset)
        {
            if (offset < 12 || offset >= _packLength)
            {
                return null;
            }

            var type = (_view.ReadByte(offset) >> 4) & 7;
            return type is >= Commit and <= Tag ? type : null;
        }

        private long? OffsetOf(int index)
        {
            var small = BinaryPrimitives.ReadUInt32BigEndian(_offsets.AsSpan(index * 4));
            if ((small & 0x8000_0000) == 0)
            {
                return small;
            }

            var slot = (long)(small & 0x7fff_ffff) * 8;
            return slot + 8 <= _largeOffsets.Length ? (long)BinaryPrimitives.ReadUInt64BigEndian(_largeOffsets.AsSpan((int)slot)) : null;
        }

        public void Dispose()
        {
            _view.Dispose();
            _map.Dispose();
        }
    }
}
