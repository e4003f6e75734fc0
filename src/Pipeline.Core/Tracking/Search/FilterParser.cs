using System.Globalization;

namespace Pipeline.Core.Tracking.Search;

/// <summary>Recursive descent over the tokens: <c>clause (AND clause)*</c>; every error names its column.</summary>
internal sealed class FilterParser(string text)
{
    private readonly List<FilterToken> _tokens = FilterLexer.Tokenize(text);
    private int _next;

    private FilterToken Peek => _tokens[_next];

    public IReadOnlyList<FilterClause> ParseAll()
    {
        if (Peek.Kind == FilterTokenKind.End)
        {
            throw RunFilter.Error(text, 1, "the filter is empty");
        }

        var clauses = new List<FilterClause> { Clause() };
        while (Peek.Kind != FilterTokenKind.End)
        {
            var joiner = _tokens[_next++];
            if (joiner.Kind == FilterTokenKind.Identifier && Is(joiner, "or"))
            {
                throw RunFilter.Error(text, joiner.Column, "'or' is not supported: clauses are joined by 'and' (as in MLflow's search)");
            }

            if (joiner.Kind != FilterTokenKind.Identifier || !Is(joiner, "and"))
            {
                throw RunFilter.Error(text, joiner.Column, $"expected 'and' before '{joiner.Text}'");
            }

            clauses.Add(Clause());
        }

        return clauses;
    }

    private FilterClause Clause()
    {
        var name = _tokens[_next++];
        if (name.Kind != FilterTokenKind.Identifier)
        {
            throw RunFilter.Error(
                text,
                name.Column,
                name.Kind == FilterTokenKind.End ? "a comparison is missing at the end" : $"expected a field name, found '{name.Text}'");
        }

        var field = RunField.From(name.Segments, text, name.Column, name.Text);
        var op = _tokens[_next++];
        if (op.Kind == FilterTokenKind.Operator)
        {
            return new FilterClause(field, op.Text switch
            {
                "=" => FilterOperator.Equal,
                "!=" => FilterOperator.NotEqual,
                "<" => FilterOperator.Less,
                "<=" => FilterOperator.LessOrEqual,
                ">" => FilterOperator.Greater,
                _ => FilterOperator.GreaterOrEqual,
            }, [Literal()]);
        }

        if (op.Kind == FilterTokenKind.Identifier && (Is(op, "like") || Is(op, "ilike")))
        {
            var pattern = _tokens[_next++];
            if (pattern.Kind != FilterTokenKind.String)
            {
                throw RunFilter.Error(text, pattern.Column, $"{op.Text.ToUpperInvariant()} takes a quoted pattern, e.g. 'sft-%'");
            }

            return new FilterClause(field, Is(op, "like") ? FilterOperator.Like : FilterOperator.ILike, [new FilterLiteral(null, pattern.Text)]);
        }

        var negated = false;
        var inToken = op;
        if (op.Kind == FilterTokenKind.Identifier && Is(op, "not"))
        {
            negated = true;
            inToken = _tokens[_next++];
        }

        if (inToken.Kind == FilterTokenKind.Identifier && Is(inToken, "in"))
        {
            return new FilterClause(field, negated ? FilterOperator.NotIn : FilterOperator.In, List());
        }

        throw RunFilter.Error(text, inToken.Column, inToken.Kind == FilterTokenKind.End
            ? $"an operator is missing after '{name.Text}' (=, !=, <, <=, >, >=, LIKE, ILIKE, IN, NOT IN)"
            : $"expected an operator after '{name.Text}' (=, !=, <, <=, >, >=, LIKE, ILIKE, IN, NOT IN), found '{inToken.Text}'");
    }

    private List<FilterLiteral> List()
    {
        var open = _tokens[_next++];
        if (open.Kind != FilterTokenKind.OpenParen)
        {
            throw RunFilter.Error(text, open.Column, "IN takes a list in parentheses, e.g. IN ('sft', 'dpo')");
        }

        var items = new List<FilterLiteral> { Literal() };
        while (true)
        {
            var t = _tokens[_next++];
            if (t.Kind == FilterTokenKind.CloseParen)
            {
                return items;
            }

            if (t.Kind != FilterTokenKind.Comma)
            {
                throw RunFilter.Error(
                    text,
                    t.Column,
                    t.Kind == FilterTokenKind.End ? "the list is not closed (missing ')')" : $"expected ',' or ')' in the list, found '{t.Text}'");
            }

            items.Add(Literal());
        }
    }

    private FilterLiteral Literal()
    {
        var t = _tokens[_next++];
        switch (t.Kind)
        {
            case FilterTokenKind.String:
                return new FilterLiteral(null, t.Text);
            case FilterTokenKind.Number:
                if (!double.TryParse(t.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) || !double.IsFinite(n))
                {
                    throw RunFilter.Error(text, t.Column, $"'{t.Text}' is not a number");
                }

                return new FilterLiteral(n, t.Text);
            case FilterTokenKind.End:
                throw RunFilter.Error(text, t.Column, "a value is missing at the end");
            default:
                throw RunFilter.Error(text, t.Column, $"expected a number or a quoted string, found '{t.Text}' (quote text values: '{t.Text}')");
        }
    }

    private static bool Is(FilterToken token, string keyword) => string.Equals(token.Text, keyword, StringComparison.OrdinalIgnoreCase);
}
