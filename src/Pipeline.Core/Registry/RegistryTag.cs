using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;

namespace Pipeline.Core.Registry;

/// <summary>What a registry tag records (GTO's actions).</summary>
public enum TagAction
{
    Register,
    Deregister,
    Assign,
    Unassign,
    Deprecate,
    Created,
}

/// <summary>
/// The GTO tag grammar (gto/tag.py): <c>m@v1.2.3</c> register, <c>m@v1.2.3!</c> deregister, <c>m#alias#N</c> assign,
/// <c>m#alias!#N</c> unassign, <c>m@deprecated</c> deprecate; any of them may carry a <c>#N</c> counter. Reading
/// accepts GTO's wider name rule (upper case, '_') so a GTO repository reads; writing uses our stricter names.
/// </summary>
public sealed partial record RegistryTag(string Name, string Model, TagAction Action, SemVer? Version, string? Alias, long? Counter)
{
    // GTO's name regex: [a-zA-Z0-9]([a-zA-Z0-9-/_]*[a-zA-Z0-9])?
    [GeneratedRegex("^[a-zA-Z0-9]([a-zA-Z0-9_/-]*[a-zA-Z0-9])?$", RegexOptions.CultureInvariant)]
    private static partial Regex GtoName();

    /// <summary>
    /// GTO's name rule. The loop answers the plain names (list checks 100,000 of them); anything it does not accept
    /// goes to the regex, which stays the definition (its '$' also matches before a final line break).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool IsGtoName(string name)
    {
        var plain = name.Length > 0 && char.IsAsciiLetterOrDigit(name[0]) && char.IsAsciiLetterOrDigit(name[^1]);
        for (var i = 1; plain && i < name.Length - 1; i++)
        {
            plain = char.IsAsciiLetterOrDigit(name[i]) || name[i] is '_' or '/' or '-';
        }

        return plain || GtoName().IsMatch(name);
    }

    public bool IsAliasEvent => Action is TagAction.Assign or TagAction.Unassign;

    public static string ForVersion(string model, SemVer version) => $"{model}@{version}";

    public static string ForDeregister(string model, SemVer version) => $"{model}@{version}!";

    public static string ForAssign(string model, string alias, long counter) => $"{model}#{alias}#{counter.ToString(CultureInfo.InvariantCulture)}";

    public static string ForUnassign(string model, string alias, long counter) =>
        $"{model}#{alias}!#{counter.ToString(CultureInfo.InvariantCulture)}";

    public static string ForDeprecate(string model) => $"{model}@deprecated";

    /// <summary>The model part of a tag name (everything before the first '@' or '#'), or null.</summary>
    public static string? ModelOf(string tagName)
    {
        var i = tagName.AsSpan().IndexOfAny('@', '#');
        return i > 0 ? tagName[..i] : null;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool TryParse(string name, out RegistryTag tag)
    {
        tag = null!;
        var model = ModelOf(name);
        if (model is null || !IsGtoName(model))
        {
            return false;
        }

        var rest = name[model.Length..];
        long? counter = null;
        var hash = rest.LastIndexOf('#');
        if (hash > 0 && rest.Length - hash - 1 > 0 && rest.AsSpan(hash + 1).ContainsAnyExcept("0123456789") is false)
        {
            // Read as a big integer: a counter past long's range is still this namespace's counter (it must be seen,
            // or the next write would be invisible behind it); it is kept as long.MaxValue, which stops further writes.
            var digits = System.Numerics.BigInteger.Parse(rest.AsSpan(hash + 1), NumberStyles.None, CultureInfo.InvariantCulture);
            counter = digits >= long.MaxValue ? long.MaxValue : (long)digits;
            rest = rest[..hash];
        }

        if (rest[0] == '@')
        {
            var body = rest[1..];
            if (body is "deprecated" or "created")
            {
                tag = new RegistryTag(name, model, body == "deprecated" ? TagAction.Deprecate : TagAction.Created, null, null, counter);
                return true;
            }

            var bang = body.EndsWith('!');
            if (!SemVer.TryParse(bang ? body[..^1] : body, out var version))
            {
                return false;
            }

            tag = new RegistryTag(name, model, bang ? TagAction.Deregister : TagAction.Register, version, null, counter);
            return true;
        }

        var stage = rest[1..];
        var unassign = stage.EndsWith('!');
        if (unassign)
        {
            stage = stage[..^1];
        }

        if (!IsGtoName(stage))
        {
            return false;
        }

        tag = new RegistryTag(name, model, unassign ? TagAction.Unassign : TagAction.Assign, null, stage, counter);
        return true;
    }
}
