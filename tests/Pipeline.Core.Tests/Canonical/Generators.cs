using System.Numerics;
using FsCheck;
using FsCheck.Fluent;
using Pipeline.Core.Canonical;
using Pipeline.Core.Lineage;

namespace Pipeline.Core.Tests.Canonical;

/// <summary>Any finite double, drawn from all 2^64 bit patterns (FsCheck's own doubles are small and "nice").</summary>
public sealed record AnyDouble(double Value)
{
    public override string ToString() => $"{BitConverter.DoubleToUInt64Bits(Value):x16} ({Value:R})";
}

/// <summary>A JSON value tree holding the awkward parts: astral and lone-surrogate keys, big ints, any double.</summary>
public sealed record JsonTree(Value Value)
{
    public override string ToString() => CanonicalJson.Write(Value);
}

/// <summary>A complete lineage (the five REQUIRED fields, any JSON values) plus a deep config.</summary>
public sealed record LineageCase(ObjectValue Lineage)
{
    public override string ToString() => CanonicalJson.Write(Lineage);
}

/// <summary>FsCheck arbitraries for the canonical JSON properties.</summary>
public static class CanonicalArbs
{
    private static readonly string[] Pieces =
    [
        "a", "b", "B", "z", "_", " ", "0", "\u00e9", "\u00ff", "\u2028", "\ue000", "\uffff", "\ufb33", "\U0001F600",
        "\U00010000", "\U0010FFFF", "\ud800", "\udc00", "\ud83d", "\u0000", "\u001f", "\u007f", "\"", "\\", "/", "\n",
    ];

    public static Arbitrary<AnyDouble> AnyDouble() => FiniteDouble.Select(d => new AnyDouble(d)).ToArbitrary();

    public static Arbitrary<JsonTree> JsonTree() => Tree(4).Select(v => new JsonTree(v)).ToArbitrary();

    public static Arbitrary<LineageCase> LineageCase() => (
        from dataVersion in Text
        from commit in Text
        from config in ObjectOf(4)
        from baseModel in Tree(1)
        from seed in Scalar
        select new LineageCase(new ObjectValue(
        [
            new Member(LineageFields.DataVersion, new StringValue(dataVersion), 0),
            new Member(LineageFields.CodeCommit, new StringValue(commit), 0),
            new Member(LineageFields.Config, config, 0),
            new Member(LineageFields.BaseModel, baseModel, 0),
            new Member(LineageFields.Seed, seed, 0),
        ]))).ToArbitrary();

    internal static Gen<double> FiniteDouble { get; } =
        Gen.Two(Gen.Choose(int.MinValue, int.MaxValue))
            .Select(t => BitConverter.Int64BitsToDouble(((long)t.Item1 << 32) | (uint)t.Item2))
            .Where(double.IsFinite);

    internal static Gen<string> Text { get; } =
        Gen.Choose(0, 5).SelectMany(n => Gen.ArrayOf(Gen.Elements(Pieces), n)).Select(string.Concat);

    internal static Gen<Value> Scalar { get; } = Gen.OneOf(
        Gen.Constant<Value>(new NullValue()),
        Gen.Elements(true, false).Select(b => (Value)new BoolValue(b)),
        Gen.Choose(int.MinValue, int.MaxValue).Select(i => (Value)new IntegerValue(i)),
        Gen.Three(Gen.Choose(int.MinValue, int.MaxValue))
            .Select(t => (Value)new IntegerValue((BigInteger)t.Item1 * t.Item2 * t.Item3 * long.MaxValue)),
        FiniteDouble.Select(d => (Value)new FloatValue(d)),
        Gen.Choose(-100_000, 100_000).Select(i => (Value)new FloatValue(i / 1000.0)),
        Text.Select(s => (Value)new StringValue(s)));

    internal static Gen<Value> Tree(int depth) => depth == 0
        ? Scalar
        : Gen.OneOf(Scalar, Scalar, ArrayOf(depth - 1), ObjectOf(depth - 1));

    private static Gen<Value> ArrayOf(int depth) =>
        Gen.Choose(0, 4).SelectMany(n => Gen.ArrayOf(Tree(depth), n)).Select(items => (Value)new ArrayValue(items));

    internal static Gen<Value> ObjectOf(int depth) =>
        from n in Gen.Choose(0, 5)
        from keys in Gen.ArrayOf(Text, n)
        from values in Gen.ArrayOf(Tree(depth), n)
        select (Value)new ObjectValue(keys.Distinct(StringComparer.Ordinal)
            .Select((k, i) => new Member(k, values[i], 0))
            .ToArray());
}
