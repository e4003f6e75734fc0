using System.Text.RegularExpressions;

namespace Pipeline.GitHub.Tests.Harness;

/// <summary>
/// The sliver of GitHub's expression language a composite action's env:, with: and outputs use here: property paths
/// into the inputs, github, runner, env and steps contexts. Anything else throws, so an action that starts to rely on
/// more (functions, operators) makes the harness fail loudly instead of silently passing a wrong value.
/// </summary>
public sealed partial class Expressions(
    IReadOnlyDictionary<string, string> inputs,
    IReadOnlyDictionary<string, string> github,
    IReadOnlyDictionary<string, string> runner,
    IReadOnlyDictionary<string, string> env,
    IReadOnlyDictionary<string, Dictionary<string, string>> steps)
{
    public string Evaluate(string text) => Template().Replace(text, m => Lookup(m.Groups[1].Value.Trim()));

    private string Lookup(string expression)
    {
        var parts = expression.Split('.');
        return parts switch
        {
            ["inputs", var name] => inputs.TryGetValue(name, out var v) ? v : "",
            ["github", var name] => github.TryGetValue(name, out var v) ? v : "",
            ["runner", var name] => runner.TryGetValue(name, out var v) ? v : "",
            ["env", var name] => env.TryGetValue(name, out var v) ? v : "",
            ["steps", var id, "outputs", var name] => steps.TryGetValue(id, out var o) && o.TryGetValue(name, out var v) ? v : "",
            _ => throw new NotSupportedException($"the harness does not evaluate '${{{{ {expression} }}}}'"),
        };
    }

    [GeneratedRegex(@"\$\{\{(.*?)\}\}", RegexOptions.Singleline)]
    private static partial Regex Template();
}
