namespace Pipeline.Core.Tracking.Search;

public enum FilterOperator
{
    Equal,
    NotEqual,
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,
    Like,
    ILike,
    In,
    NotIn,
}

/// <summary>A literal of a clause: a number (compares numerically) or a string (compares as text).</summary>
public sealed record FilterLiteral(double? Number, string Text);

/// <summary>One comparison of a filter: a field, an operator, and one literal (several for IN).</summary>
public sealed record FilterClause(RunField Field, FilterOperator Operator, IReadOnlyList<FilterLiteral> Literals)
{
    public bool Matches(RunRecord run, MetricNames? names)
    {
        var value = Field.Read(run, names);
        if (!value.IsPresent)
        {
            return false;
        }

        return Operator switch
        {
            FilterOperator.In => Literals.Any(l => Equal(value, l)),
            FilterOperator.NotIn => !Literals.Any(l => Equal(value, l)),
            FilterOperator.Like => value.Text is { } t && LikePattern.Matches(t, Literals[0].Text, ignoreCase: false),
            FilterOperator.ILike => value.Text is { } t2 && LikePattern.Matches(t2, Literals[0].Text, ignoreCase: true),
            FilterOperator.Equal => Equal(value, Literals[0]),
            FilterOperator.NotEqual => !Equal(value, Literals[0]),
            _ => Order(value, Literals[0]) is { } c && Operator switch
            {
                FilterOperator.Less => c < 0,
                FilterOperator.LessOrEqual => c <= 0,
                FilterOperator.Greater => c > 0,
                _ => c >= 0,
            },
        };
    }

    private static bool Equal(FieldValue value, FilterLiteral literal)
    {
        if (literal.Number is { } n)
        {
            // NaN equals nothing, as in IEEE and SQL.
            return value.AsNumber() is { } v && v == n;
        }

        return string.Equals(value.Text, literal.Text, StringComparison.Ordinal);
    }

    /// <summary>-1/0/1, or null when the two cannot be ordered (a text against a number, or NaN).</summary>
    private static int? Order(FieldValue value, FilterLiteral literal)
    {
        if (literal.Number is { } n)
        {
            return value.AsNumber() is { } v && !double.IsNaN(v) ? v.CompareTo(n) : null;
        }

        return value.Text is { } t ? Math.Sign(string.CompareOrdinal(t, literal.Text)) : null;
    }
}
