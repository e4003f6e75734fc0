namespace Pipeline.Core.Tracking.Search;

internal enum FilterTokenKind
{
    Identifier,
    Number,
    String,
    Operator,
    OpenParen,
    CloseParen,
    Comma,
    End,
}

/// <summary>One token of a filter, with its 1-based column so an error can point at it.</summary>
internal readonly record struct FilterToken(FilterTokenKind Kind, string Text, int Column)
{
    /// <summary>For an identifier: its dotted segments, back-quotes removed.</summary>
    public IReadOnlyList<string> Segments { get; init; } = [];
}
