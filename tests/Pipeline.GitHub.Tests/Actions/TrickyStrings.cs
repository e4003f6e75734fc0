using FsCheck;
using FsCheck.Fluent;

namespace Pipeline.GitHub.Tests.Actions;

/// <summary>A string built from the pieces that break runner files and commands, mixed with arbitrary text.</summary>
public sealed record Tricky(string Value)
{
    public override string ToString() => System.Text.Json.JsonSerializer.Serialize(Value);
}

public static class TrickyArbitrary
{
    private static readonly string[] Pieces =
    [
        "\n",
        "\r",
        "\r\n",
        "%",
        "%25",
        "%0A",
        "%0D",
        ":",
        "::",
        ",",
        "=",
        "<<",
        "ghadelimiter_",
        "EOF",
        "a",
        " ",
        "é",
        "😀",
        "\u2028",
        "::error::x",
        "name=v",
    ];

    public static Arbitrary<Tricky> Tricky()
    {
        var piece = Gen.OneOf(Gen.Elements(Pieces), ArbMap.Default.GeneratorFor<string>().Where(s => s is not null));
        return Gen.ListOf(piece).Select(parts => new Tricky(string.Concat(parts))).ToArbitrary();
    }
}
