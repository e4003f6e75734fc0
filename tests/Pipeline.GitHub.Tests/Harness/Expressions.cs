using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Pipeline.GitHub.Tests.Harness;

/// <summary>
/// GitHub's expression language as far as action.yml and the sample workflows use it, evaluated by GitHub's rules:
/// literals ('text' with '' escapes, numbers, true, false, null), property paths into the contexts (a missing
/// property is null), <c>!</c>, <c>==</c>/<c>!=</c> (strings compared case-insensitively; operands of different types
/// compared as numbers), <c>&amp;&amp;</c>/<c>||</c> (returning an operand, so <c>inputs.model || 'sentiment'</c> is a
/// default), parentheses, and the status functions always(), success(), failure(), cancelled(). Any other function,
/// operator or an unknown context throws, so a workflow that starts to rely on more fails the harness loudly instead
/// of being evaluated wrongly.
/// </summary>
public sealed partial class Expressions
{
    private readonly IReadOnlyDictionary<string, Func<JsonNode?>> contexts;

    /// <summary>The contexts a composite action sees (inputs, github, runner, env, steps), read live.</summary>
    public Expressions(
        IReadOnlyDictionary<string, string> inputs,
        IReadOnlyDictionary<string, string> github,
        IReadOnlyDictionary<string, string> runner,
        IReadOnlyDictionary<string, string> env,
        IReadOnlyDictionary<string, Dictionary<string, string>> steps)
        : this(new Dictionary<string, Func<JsonNode?>>
        {
            ["inputs"] = () => Object(inputs),
            ["github"] = () => Object(github),
            ["runner"] = () => Object(runner),
            ["env"] = () => Object(env),
            ["steps"] = () => Steps(steps),
        })
    {
    }

    /// <param name="contexts">Each context by name, read at every lookup (steps and env grow while a job runs).</param>
    /// <param name="jobFailed">Whether a step of the job has failed so far (for success() and failure()).</param>
    public Expressions(IReadOnlyDictionary<string, Func<JsonNode?>> contexts, Func<bool>? jobFailed = null)
    {
        this.contexts = contexts;
        JobFailed = jobFailed ?? (() => false);
    }

    public Func<bool> JobFailed { get; }

    /// <summary>A string with <c>${{ … }}</c> templates, each replaced by its value as text.</summary>
    public string Evaluate(string text) => Template().Replace(text, m => Text(Value(m.Groups[1].Value)));

    /// <summary>
    /// An <c>if:</c> condition (with or without <c>${{ }}</c>): true when the job should run the step or job. Without a
    /// status function GitHub prefixes <c>success() &amp;&amp;</c>, so steps after a failure are skipped.
    /// </summary>
    public bool Condition(string condition)
    {
        var text = condition.Trim();
        if (text.StartsWith("${{", StringComparison.Ordinal) && text.EndsWith("}}", StringComparison.Ordinal))
        {
            text = text[3..^2];
        }

        if (!StatusFunction().IsMatch(text))
        {
            text = $"success() && ({text})";
        }

        return Truthy(Value(text));
    }

    /// <summary>The value of one expression (no <c>${{ }}</c>): null, bool, double, string or a JSON object/array.</summary>
    public object? Value(string expression)
    {
        var parser = new Parser(expression, this);
        var value = parser.Or();
        parser.End();
        return value;
    }

    public static string Text(object? value) => value switch
    {
        null => "",
        bool b => b ? "true" : "false",
        double d => d.ToString(CultureInfo.InvariantCulture),
        string s => s,
        JsonNode node => node.ToJsonString(),
        _ => throw new InvalidOperationException(value.GetType().Name),
    };

    public static bool Truthy(object? value) => value switch
    {
        null => false,
        bool b => b,
        double d => d != 0 && !double.IsNaN(d),
        string s => s.Length > 0,
        _ => true,
    };

    private static JsonObject Object(IReadOnlyDictionary<string, string> values)
    {
        var json = new JsonObject();
        foreach (var (key, value) in values)
        {
            json[key] = value;
        }

        return json;
    }

    private static JsonObject Steps(IReadOnlyDictionary<string, Dictionary<string, string>> steps)
    {
        var json = new JsonObject();
        foreach (var (id, outputs) in steps)
        {
            json[id] = new JsonObject { ["outputs"] = Object(outputs) };
        }

        return json;
    }

    private static bool Equal(object? left, object? right)
    {
        if (left is string a && right is string b)
        {
            return string.Equals(a, b, StringComparison.OrdinalIgnoreCase);
        }

        if (left is null && right is null)
        {
            return true;
        }

        if (left is bool x && right is bool y)
        {
            return x == y;
        }

        if (left is JsonNode || right is JsonNode)
        {
            return ReferenceEquals(left, right);
        }

        return Number(left) == Number(right);
    }

    private static double Number(object? value) => value switch
    {
        null => 0,
        bool b => b ? 1 : 0,
        double d => d,
        string s when s.Trim().Length == 0 => 0,
        string s => double.TryParse(s.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : double.NaN,
        _ => double.NaN,
    };

    private object? Lookup(string context)
    {
        if (!contexts.TryGetValue(context, out var read))
        {
            throw new NotSupportedException($"the harness knows no context '{context}'");
        }

        return Unwrap(read());
    }

    // Every arm typed object: string, bool and double convert implicitly to JsonNode, which would otherwise become the
    // switch's type and wrap the value right back.
    private static object? Unwrap(JsonNode? node) => node switch
    {
        null => null,
        JsonValue v when v.TryGetValue<string>(out var s) => (object)s,
        JsonValue v when v.TryGetValue<bool>(out var b) => b,
        JsonValue v when v.TryGetValue<double>(out var d) => d,
        JsonValue v => v.ToJsonString(),
        _ => node,
    };

    private object? Call(string name)
    {
        return name switch
        {
            "always" => true,
            "success" => !JobFailed(),
            "failure" => JobFailed(),
            "cancelled" => false,
            _ => throw new NotSupportedException($"the harness does not evaluate the function {name}()"),
        };
    }

    [GeneratedRegex(@"\$\{\{(.*?)\}\}", RegexOptions.Singleline)]
    private static partial Regex Template();

    [GeneratedRegex(@"\b(always|success|failure|cancelled)\s*\(")]
    private static partial Regex StatusFunction();

    /// <summary>Recursive descent over GitHub's precedence: || below &amp;&amp; below ==/!= below !.</summary>
    private sealed class Parser(string text, Expressions owner)
    {
        private int at;

        public void End()
        {
            Skip();
            if (at != text.Length)
            {
                throw new NotSupportedException($"the harness does not evaluate '{text}' (stopped at '{text[at..]}')");
            }
        }

        public object? Or()
        {
            var left = And();
            while (Take("||"))
            {
                var right = And();
                left = Truthy(left) ? left : right;
            }

            return left;
        }

        private object? And()
        {
            var left = Comparison();
            while (Take("&&"))
            {
                var right = Comparison();
                left = Truthy(left) ? right : left;
            }

            return left;
        }

        private object? Comparison()
        {
            var left = Unary();
            if (Take("=="))
            {
                return Equal(left, Unary());
            }

            if (Take("!="))
            {
                return !Equal(left, Unary());
            }

            Skip();
            if (at < text.Length && (text[at] == '<' || text[at] == '>'))
            {
                throw new NotSupportedException($"the harness does not evaluate ordering comparisons: '{text}'");
            }

            return left;
        }

        private object? Unary()
        {
            if (Take("!"))
            {
                return !Truthy(Unary());
            }

            return Primary();
        }

        private object? Primary()
        {
            Skip();
            if (Take("("))
            {
                var inner = Or();
                Expect(")");
                return inner;
            }

            if (at < text.Length && text[at] == '\'')
            {
                return StringLiteral();
            }

            if (at < text.Length && (char.IsDigit(text[at]) || text[at] == '-'))
            {
                var start = at;
                at++;
                while (at < text.Length && (char.IsLetterOrDigit(text[at]) || text[at] == '.'))
                {
                    at++;
                }

                return double.Parse(text[start..at], NumberStyles.Float, CultureInfo.InvariantCulture);
            }

            var name = Identifier();
            switch (name)
            {
                case "true":
                    return true;
                case "false":
                    return false;
                case "null":
                    return null;
            }

            if (Take("("))
            {
                var result = owner.Call(name);
                Expect(")");
                return result;
            }

            object? value = owner.Lookup(name);
            while (true)
            {
                if (Take("."))
                {
                    value = Member(value, Identifier());
                }
                else if (Take("["))
                {
                    Skip();
                    var key = Text(text[at] == '\'' ? StringLiteral() : Or());
                    Expect("]");
                    value = Member(value, key);
                }
                else
                {
                    return value;
                }
            }
        }

        private static object? Member(object? value, string name) => value switch
        {
            JsonObject o => o.TryGetPropertyValue(name, out var child) ? Unwrap(child) : null,
            JsonArray a when int.TryParse(name, out var i) && i >= 0 && i < a.Count => Unwrap(a[i]),
            _ => null,
        };

        private string StringLiteral()
        {
            var result = new StringBuilder();
            at++;
            while (true)
            {
                if (at >= text.Length)
                {
                    throw new NotSupportedException($"unterminated string in '{text}'");
                }

                if (text[at] == '\'')
                {
                    if (at + 1 < text.Length && text[at + 1] == '\'')
                    {
                        result.Append('\'');
                        at += 2;
                        continue;
                    }

                    at++;
                    return result.ToString();
                }

                result.Append(text[at++]);
            }
        }

        private string Identifier()
        {
            Skip();
            var start = at;
            while (at < text.Length && (char.IsLetterOrDigit(text[at]) || text[at] == '_' || text[at] == '-'))
            {
                at++;
            }

            if (at == start)
            {
                throw new NotSupportedException($"the harness does not evaluate '{text}' (at '{text[at..]}')");
            }

            return text[start..at];
        }

        private bool Take(string token)
        {
            Skip();
            if (string.CompareOrdinal(text, at, token, 0, token.Length) != 0)
            {
                return false;
            }

            // '!' must not swallow the start of '!=', nor '=' that of '=='.
            if (token == "!" && at + 1 < text.Length && text[at + 1] == '=')
            {
                return false;
            }

            at += token.Length;
            return true;
        }

        private void Expect(string token)
        {
            if (!Take(token))
            {
                throw new NotSupportedException($"expected '{token}' in '{text}' at {at}");
            }
        }

        private void Skip()
        {
            while (at < text.Length && char.IsWhiteSpace(text[at]))
            {
                at++;
            }
        }
    }
}
