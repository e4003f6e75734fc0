using System.Text;

namespace Pipeline.Core.Tracking.Search;

/// <summary>
/// Splits a filter such as <c>params.lr &lt; 3e-5 and tags.method = 'sft'</c> into tokens. Field names are dotted
/// identifiers whose segments may be back-quoted (<c>metrics.`train/loss`.min</c>) for keys with other characters.
/// </summary>
internal static class FilterLexer
{
    public static List<FilterToken> Tokenize(string text)
    {
        var tokens = new List<FilterToken>();
        var i = 0;
        while (true)
        {
            while (i < text.Length && char.IsWhiteSpace(text[i]))
            {
                i++;
            }

            if (i >= text.Length)
            {
                tokens.Add(new FilterToken(FilterTokenKind.End, "", text.Length + 1));
                return tokens;
            }

            var start = i;
            var c = text[i];
            if (c is '(' or ')' or ',')
            {
                tokens.Add(
                    new FilterToken(
                        c == '(' ? FilterTokenKind.OpenParen : c == ')' ? FilterTokenKind.CloseParen : FilterTokenKind.Comma,
                        c.ToString(),
                        start + 1));
                i++;
            }
            else if (c is '\'' or '"')
            {
                tokens.Add(new FilterToken(FilterTokenKind.String, Quoted(text, ref i, c), start + 1));
            }
            else if (c is '<' or '>' or '=' or '!')
            {
                var op = i + 1 < text.Length && text[i + 1] == '=' ? text.Substring(i, 2) : c.ToString();
                if (op == "!")
                {
                    throw RunFilter.Error(text, start + 1, "'!' must be followed by '=' (the operator is '!=')");
                }

                tokens.Add(new FilterToken(FilterTokenKind.Operator, op == "==" ? "=" : op, start + 1));
                i += op.Length;
            }
            else if (char.IsDigit(c) || ((c is '-' or '+' or '.') && i + 1 < text.Length && (char.IsDigit(text[i + 1]) || text[i + 1] == '.')))
            {
                i++;
                while (i < text.Length && (char.IsLetterOrDigit(text[i]) || text[i] is '.' || ((text[i] is '-' or '+') && text[i - 1] is 'e' or 'E')))
                {
                    i++;
                }

                tokens.Add(new FilterToken(FilterTokenKind.Number, text[start..i], start + 1));
            }
            else if (char.IsLetter(c) || c is '_' or '`')
            {
                var segments = Identifier(text, ref i);
                tokens.Add(new FilterToken(FilterTokenKind.Identifier, text[start..i], start + 1) { Segments = segments });
            }
            else
            {
                throw RunFilter.Error(text, start + 1, $"unexpected character '{c}'");
            }
        }
    }

    private static string Quoted(string text, ref int i, char quote)
    {
        var start = i;
        var sb = new StringBuilder();
        i++;
        while (i < text.Length)
        {
            if (text[i] == quote)
            {
                // SQL style: a doubled quote is one quote character.
                if (i + 1 < text.Length && text[i + 1] == quote)
                {
                    sb.Append(quote);
                    i += 2;
                    continue;
                }

                i++;
                return sb.ToString();
            }

            sb.Append(text[i++]);
        }

        throw RunFilter.Error(text, start + 1, $"string not closed (missing {quote})");
    }

    /// <summary>Dotted segments; a back-quoted segment keeps every character but '`'.</summary>
    internal static List<string> Identifier(string text, ref int i)
    {
        var segments = new List<string>();
        while (true)
        {
            var segmentStart = i;
            if (i < text.Length && text[i] == '`')
            {
                var close = text.IndexOf('`', i + 1);
                if (close < 0)
                {
                    throw RunFilter.Error(text, i + 1, "back-quoted key not closed (missing `)");
                }

                segments.Add(text[(i + 1)..close]);
                i = close + 1;
            }
            else
            {
                while (i < text.Length && (char.IsLetterOrDigit(text[i]) || text[i] is '_' or '-' or '/'))
                {
                    i++;
                }

                if (i == segmentStart)
                {
                    throw RunFilter.Error(text, i + 1, "expected a key after '.'");
                }

                segments.Add(text[segmentStart..i]);
            }

            if (i < text.Length && text[i] == '.')
            {
                i++;
                continue;
            }

            return segments;
        }
    }
}
