using System.Numerics;

namespace Pipeline.Core.Canonical;

/// <summary>
/// A JSON value typed the way Python's <c>json.loads</c> types it: integers of any size stay exact
/// (<see cref="IntegerValue"/>), anything with a fraction or exponent is a double (<see cref="FloatValue"/>).
/// This is the model every reader (JSON, YAML, dvc.lock) produces and the canonical writer consumes, so that
/// a fingerprint computed here equals the one a Python script computes.
/// </summary>
public abstract class Value
{
    /// <summary>1-based line where the value starts in its source text, or 0 when it was built in code.</summary>
    public int Line { get; init; }

    public static Value Null { get; } = new NullValue();

    public static Value From(string s) => new StringValue(s);

    public static Value From(long n) => new IntegerValue(n);

    public static Value From(BigInteger n) => new IntegerValue(n);

    public static Value From(double d) => new FloatValue(d);

    public static Value From(bool b) => new BoolValue(b);

    /// <summary>The canonical (Python reference) text of this value.</summary>
    public override string ToString() => CanonicalJson.Write(this);
}

public sealed class NullValue : Value;

public sealed class BoolValue(bool value) : Value
{
    public bool Value { get; } = value;
}

public sealed class IntegerValue(BigInteger value) : Value
{
    public BigInteger Value { get; } = value;
}

public sealed class FloatValue(double value) : Value
{
    public double Value { get; } = value;
}

public sealed class StringValue(string value) : Value
{
    public string Value { get; } = value;
}

public sealed class ArrayValue(IReadOnlyList<Value> items) : Value
{
    public IReadOnlyList<Value> Items { get; } = items;
}

/// <summary>One key of an object, with the line where the key stands (for findings that point at a field).</summary>
public readonly record struct Member(string Key, Value Value, int Line);

/// <summary>An object whose keys are unique (readers refuse duplicates); members keep their source order.</summary>
public sealed class ObjectValue : Value
{
    private readonly Dictionary<string, int> _index;

    public ObjectValue(IReadOnlyList<Member> members)
    {
        Members = members;
        _index = new Dictionary<string, int>(members.Count, StringComparer.Ordinal);
        for (var i = 0; i < members.Count; i++)
        {
            if (!_index.TryAdd(members[i].Key, i))
            {
                throw new ArgumentException($"duplicate key '{members[i].Key}'", nameof(members));
            }
        }
    }

    public ObjectValue(IEnumerable<KeyValuePair<string, Value>> pairs)
        : this(pairs.Select(p => new Member(p.Key, p.Value, p.Value.Line)).ToArray())
    {
    }

    public IReadOnlyList<Member> Members { get; }

    public int Count => Members.Count;

    public Value? this[string key] => _index.TryGetValue(key, out var i) ? Members[i].Value : null;

    public bool TryGet(string key, out Value value)
    {
        if (_index.TryGetValue(key, out var i))
        {
            value = Members[i].Value;
            return true;
        }

        value = Value.Null;
        return false;
    }

    /// <summary>Line of the key, or 0 when the key is absent.</summary>
    public int LineOf(string key) => _index.TryGetValue(key, out var i) ? Members[i].Line : 0;
}
