using System.Numerics;
using Pipeline.Core.Canonical;
using Pipeline.Core.Diagnostics;

namespace Pipeline.Core.Project;

/// <summary>One mapping of pipeline.yaml with typed getters; every error names the dotted key and its line.</summary>
internal sealed class Section
{
    private readonly ObjectValue _map;
    private readonly string _where;
    private readonly string _file;

    public Section(Value value, string where, string file)
    {
        _map = value as ObjectValue ?? throw WrongType(where.Length == 0 ? "pipeline.yaml" : where, "a mapping", file, value.Line);
        _where = where;
        _file = file;
    }

    public void Allow(params string[] keys)
    {
        foreach (var m in _map.Members.Where(m => !keys.Contains(m.Key)))
        {
            throw new PipelineException(
                PipeCodes.ProjectConfigInvalid,
                $"unknown key '{Name(m.Key)}'; allowed here: {string.Join(", ", keys)}",
                _file,
                m.Line);
        }
    }

    public Value? Raw(string key) => _map[key];

    public Section? Child(string key) => _map[key] switch
    {
        null or NullValue => null,
        var v => new Section(v, Name(key), _file),
    };

    public string? String(string key) => _map[key] switch
    {
        null or NullValue => null,
        StringValue { Value.Length: > 0 } s => s.Value,
        var v => throw WrongType(Name(key), "a non-empty string", _file, v.Line),
    };

    public IReadOnlyList<string> Strings(string key) => _map[key] switch
    {
        null or NullValue => [],
        StringValue s => [s.Value],
        ArrayValue a =>
            a.Items.Select((v, i) => v is StringValue s ? s.Value : throw WrongType($"{Name(key)}[{i}]", "a string", _file, v.Line)).ToArray(),
        var v => throw WrongType(Name(key), "a list of strings", _file, v.Line),
    };

    public bool? Bool(string key) => _map[key] switch
    {
        null or NullValue => null,
        BoolValue b => b.Value,
        var v => throw WrongType(Name(key), "true or false", _file, v.Line),
    };

    public BigInteger? Integer(string key) => _map[key] switch
    {
        null or NullValue => null,
        IntegerValue i => i.Value,
        var v => throw WrongType(Name(key), "an integer", _file, v.Line),
    };

    public static PipelineException WrongType(string key, string expected, string file, int line) =>
        new(PipeCodes.ProjectConfigValue, $"'{key}' must be {expected}", file, line > 0 ? line : null);

    private string Name(string key) => _where.Length == 0 ? key : $"{_where}.{key}";
}
