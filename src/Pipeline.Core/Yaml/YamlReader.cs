using System.Text;
using Pipeline.Core.Canonical;
using Pipeline.Core.Diagnostics;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Pipeline.Core.Yaml;

/// <summary>
/// Reads one YAML document into the canonical <see cref="Value"/> model with the YAML 1.2 core schema (docs/design.md §2).
/// Only YamlDotNet's parser events are used; typing is ours (<see cref="CoreSchema"/>). Refused, each with file, line
/// and key path: several documents, duplicate keys, non-string keys, tags outside the core schema, aliases that are
/// undefined or recursive, and alias expansion beyond <see cref="MaxNodes"/> (a billion-laughs document fails in
/// microseconds: sizes are counted, never expanded). Aliased values share one immutable instance.
/// </summary>
public sealed class YamlReader
{
    /// <summary>Most nodes a document may expand to, counting every alias at its full size.</summary>
    public const long MaxNodes = 1_000_000;

    /// <summary>Deepest nesting accepted (the same limit as the JSON reader).</summary>
    public const int MaxDepth = JsonReader.MaxDepth;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly IParser _parser;
    private readonly string _file;
    private readonly Dictionary<string, (Value Value, long Size)> _anchors = new(StringComparer.Ordinal);
    private readonly HashSet<string> _open = new(StringComparer.Ordinal);
    private readonly List<string> _path = [];
    private long _total;

    private YamlReader(string text, string file)
    {
        _parser = new Parser(new StringReader(text));
        _file = file;
    }

    public static Value ParseFile(string path, string? displayName = null)
    {
        var name = displayName ?? path;
        return Parse(SourceText.ReadFile(path, name), name);
    }

    public static Value Parse(ReadOnlySpan<byte> utf8, string file)
    {
        utf8 = SourceText.WithoutBom(utf8);

        string text;
        try
        {
            text = StrictUtf8.GetString(utf8);
        }
        catch (DecoderFallbackException ex)
        {
            var offset = ex.Index >= 0 ? ex.Index : 0;
            var line = 1 + utf8[..Math.Min(offset, utf8.Length)].Count((byte)'\n');
            throw new PipelineException(PipeCodes.InvalidUtf8, $"invalid UTF-8 at byte {offset}", file, line);
        }

        // YAML allows printable characters only (c-printable): YamlDotNet drops a NUL silently ('lr: 0.1\0' read as 0.1)
        // where PyYAML refuses the file. Refused here, so both read a file the same way or not at all.
        for (var k = 0; k < text.Length; k++)
        {
            var c = text[k];
            if ((c < 0x20 && c is not ('\t' or '\n' or '\r'))
                || c == '\u007f'
                || (c is >= '\u0080' and <= '\u009f' && c != '\u0085')
                || c is '\ufffe' or '\uffff')
            {
                var at = 1 + text.AsSpan(0, k).Count('\n');
                throw new PipelineException(PipeCodes.YamlSyntax, $"control character U+{(int)c:X4} is not allowed in YAML", file, at);
            }
        }

        return Parse(text, file);
    }

    /// <summary>The document's root value; an empty file (or one holding only comments) is null.</summary>
    public static Value Parse(string text, string file)
    {
        var reader = new YamlReader(text, file);
        try
        {
            return reader.ReadStream();
        }
        catch (YamlException ex)
        {
            throw reader.Error(PipeCodes.YamlSyntax, Describe(ex), (int)ex.Start.Line);
        }
    }

    private Value ReadStream()
    {
        Expect<StreamStart>();
        if (Next() is StreamEnd)
        {
            return new NullValue { Line = 1 };
        }

        Expect<DocumentStart>();
        Next();
        var root = ReadNode(0, out _);
        Expect<DocumentEnd>();
        var after = Next();
        if (after is DocumentStart)
        {
            throw Error(PipeCodes.YamlMultipleDocuments, "a second YAML document starts here; only one is allowed", LineOf(after));
        }

        Expect<StreamEnd>();
        return root;
    }

    /// <summary>Reads the node at the current event and leaves the parser on the event after it.</summary>
    private Value ReadNode(int depth, out long size)
    {
        if (depth > MaxDepth)
        {
            throw Error(PipeCodes.NestingTooDeep, $"nesting deeper than {MaxDepth} levels", LineOf(_parser.Current!));
        }

        var current = _parser.Current!;
        switch (current)
        {
            case AnchorAlias alias:
                size = Alias(alias);
                Next();
                return _anchors[alias.Value.Value].Value;
            case Scalar scalar:
                Count(1, scalar);
                Next();
                size = 1;
                return Anchor(scalar, ResolveScalar(scalar), 1);
            case SequenceStart start:
                return ReadSequence(start, depth, out size);
            case MappingStart start:
                return ReadMapping(start, depth, out size);
            default:
                throw Error(PipeCodes.YamlSyntax, $"unexpected {current.GetType().Name}", LineOf(current));
        }
    }

    private Value ReadSequence(SequenceStart start, int depth, out long size)
    {
        CheckCollectionTag(start, start.Tag, CoreSchema.SeqTag, "sequence");
        Open(start);
        Count(1, start);
        size = 1;
        var items = new List<Value>();
        Next();
        while (_parser.Current is not SequenceEnd)
        {
            _path.Add($"[{items.Count}]");
            items.Add(ReadNode(depth + 1, out var itemSize));
            _path.RemoveAt(_path.Count - 1);
            size += itemSize;
        }

        Next();
        return Anchor(start, new ArrayValue(items) { Line = LineOf(start) }, size);
    }

    private Value ReadMapping(MappingStart start, int depth, out long size)
    {
        CheckCollectionTag(start, start.Tag, CoreSchema.MapTag, "mapping");
        Open(start);
        Count(1, start);
        size = 1;
        var members = new List<Member>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        List<(ObjectValue Source, int Line)>? merges = null;
        Next();
        while (_parser.Current is not MappingEnd)
        {
            var keyEvent = _parser.Current!;
            var keyLine = LineOf(keyEvent);
            if (IsMergeKey(keyEvent))
            {
                Next();
                _path.Add("<<");
                var mergeValue = ReadNode(depth + 1, out var mergeSize);
                merges ??= [];
                if (merges.Count > 0)
                {
                    throw Error(PipeCodes.DuplicateKey, "duplicate merge key '<<'", keyLine);
                }

                merges.AddRange(MergeSources(mergeValue, keyLine));
                _path.RemoveAt(_path.Count - 1);
                size += mergeSize;
                continue;
            }

            var key = ReadKey(depth, keyEvent);
            if (seen.TryGetValue(key, out var firstLine))
            {
                _path.Add(key);
                throw Error(PipeCodes.DuplicateKey, $"duplicate key '{key}' (first at line {firstLine})", keyLine);
            }

            seen[key] = keyLine;
            _path.Add(key);
            var value = ReadNode(depth + 1, out var valueSize);
            _path.RemoveAt(_path.Count - 1);
            members.Add(new Member(key, value, keyLine));
            size += valueSize + 1;
        }

        Next();
        if (merges is not null)
        {
            // Explicit keys win over merged ones; among merged mappings the first listed wins (YAML merge spec).
            foreach (var (source, line) in merges)
            {
                foreach (var m in source.Members)
                {
                    if (seen.TryAdd(m.Key, line))
                    {
                        members.Add(new Member(m.Key, m.Value, line));
                    }
                }
            }
        }

        return Anchor(start, new ObjectValue(members) { Line = LineOf(start) }, size);
    }

    private string ReadKey(int depth, ParsingEvent keyEvent)
    {
        if (keyEvent is MappingStart or SequenceStart)
        {
            throw Error(PipeCodes.YamlKeyNotString, "a mapping or sequence used as a key", LineOf(keyEvent));
        }

        var key = ReadNode(depth + 1, out _);
        if (key is not StringValue s)
        {
            throw Error(PipeCodes.YamlKeyNotString, $"key {key} is a {Describe(key)}, not a string", LineOf(keyEvent));
        }

        return s.Value;
    }

    private IEnumerable<(ObjectValue, int)> MergeSources(Value value, int line)
    {
        switch (value)
        {
            case ObjectValue map:
                return [(map, line)];
            case ArrayValue list when list.Items.All(i => i is ObjectValue):
                return list.Items.Select(i => ((ObjectValue)i, line)).ToArray();
            default:
                throw Error(PipeCodes.YamlMergeInvalid, $"'<<' holds a {Describe(value)}", line);
        }
    }

    private static bool IsMergeKey(ParsingEvent e) =>
        e is Scalar { Value: "<<", Style: ScalarStyle.Plain } s
        && (s.Tag.IsEmpty || s.Tag.Value == "tag:yaml.org,2002:merge");

    private Value ResolveScalar(Scalar scalar)
    {
        var line = LineOf(scalar);
        Exception Fail(PipeCode code, string message) => Error(code, message, line);
        if (scalar.Tag.IsEmpty)
        {
            return scalar.Style == ScalarStyle.Plain
                ? CoreSchema.ResolvePlain(scalar.Value, line, Fail)
                : new StringValue(scalar.Value) { Line = line };
        }

        // '!' (non-specific) on a quoted or plain scalar means "a string" in every YAML version.
        return scalar.Tag.IsNonSpecific
            ? new StringValue(scalar.Value) { Line = line }
            : CoreSchema.ResolveTagged(scalar.Tag.Value, scalar.Value, line, Fail);
    }

    private void CheckCollectionTag(NodeEvent e, TagName tag, string allowed, string kind)
    {
        if (!tag.IsEmpty && !tag.IsNonSpecific && tag.Value != allowed)
        {
            throw Error(PipeCodes.YamlTagRefused, $"tag '{tag.Value}' is not allowed on a {kind}", LineOf(e));
        }
    }

    private long Alias(AnchorAlias alias)
    {
        var name = alias.Value.Value;
        if (!_anchors.TryGetValue(name, out var anchored))
        {
            var why = _open.Contains(name)
                ? $"alias *{name} refers to the node that contains it (recursive)"
                : $"alias *{name} has no anchor &{name} before it";
            throw Error(PipeCodes.YamlAliasInvalid, why, LineOf(alias));
        }

        Count(anchored.Size, alias);
        return anchored.Size;
    }

    private void Open(NodeEvent e)
    {
        if (!e.Anchor.IsEmpty)
        {
            _open.Add(e.Anchor.Value);
        }
    }

    private Value Anchor(NodeEvent e, Value value, long size)
    {
        if (!e.Anchor.IsEmpty)
        {
            _open.Remove(e.Anchor.Value);
            _anchors[e.Anchor.Value] = (value, size);
        }

        return value;
    }

    private void Count(long nodes, ParsingEvent at)
    {
        _total += nodes;
        if (_total > MaxNodes)
        {
            throw Error(PipeCodes.YamlAliasBudget, $"the document expands to more than {MaxNodes:N0} nodes through its aliases", LineOf(at));
        }
    }

    private ParsingEvent Next()
    {
        if (!_parser.MoveNext())
        {
            throw Error(PipeCodes.YamlSyntax, "unexpected end of the YAML stream", 0);
        }

        return _parser.Current!;
    }

    private void Expect<T>()
        where T : ParsingEvent
    {
        if (_parser.Current is null)
        {
            Next();
        }

        if (_parser.Current is not T)
        {
            throw Error(PipeCodes.YamlSyntax, $"expected {typeof(T).Name}, found {_parser.Current?.GetType().Name}", LineOf(_parser.Current!));
        }
    }

    private PipelineException Error(PipeCode code, string message, int line)
    {
        var where = _path.Count == 0 ? "" : $" (at {KeyPath.Format(_path)})";
        return new PipelineException(code, message + where, _file, line > 0 ? line : null);
    }

    private static int LineOf(ParsingEvent e) => (int)e.Start.Line;

    private static string Describe(Value v) => v switch
    {
        NullValue => "null",
        BoolValue => "boolean",
        IntegerValue => "integer",
        FloatValue => "float",
        StringValue => "string",
        ArrayValue => "sequence",
        _ => "mapping",
    };

    private static string Describe(YamlException ex)
    {
        // YamlDotNet prefixes "(Line: 3, Col: 1, Idx: 12) - (…): "; the diagnostic carries the line itself.
        var message = ex.Message;
        var cut = message.IndexOf("): ", StringComparison.Ordinal);
        return cut >= 0 && message.StartsWith("(Line", StringComparison.Ordinal) ? message[(cut + 3)..] : message;
    }
}
