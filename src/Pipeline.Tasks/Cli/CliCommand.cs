namespace Pipeline.Tasks.Cli;

/// <summary>
/// The arguments of one CLI call, kept as a list so each value reaches the CLI as exactly one argv entry
/// (ProcessStartInfo.ArgumentList): a path with spaces, quotes or ';' can neither split nor inject an option.
/// Option values travel as <c>--name=value</c>, so a value that looks like an option (<c>--push</c>) or a response file
/// (<c>@file</c>) stays a value; positional names may not start with '-' or '@' for the same reason.
/// </summary>
internal sealed class CliCommand
{
    private readonly List<string> arguments = [];

    public IReadOnlyList<string> Arguments => arguments;

    public CliCommand Add(string argument)
    {
        arguments.Add(argument);
        return this;
    }

    /// <summary>A positional value (a model name, <c>MODEL#ALIAS</c>); <paramref name="what"/> names it in the error.</summary>
    public CliCommand Positional(string what, string? value, bool spacesAllowed = false)
    {
        if (string.IsNullOrEmpty(value))
        {
            throw new TaskInputException($"{what} is required");
        }

        // A name (spacesAllowed false) starts with a letter or digit like every model and alias name (docs/design.md §3);
        // a path may start with anything but what the CLI would read as an option or a response file.
        var refused = spacesAllowed
            ? value[0] is '-' or '@'
            : !char.IsAsciiLetterOrDigit(value[0]) || value.Any(char.IsWhiteSpace);
        if (refused)
        {
            throw new TaskInputException(spacesAllowed
                ? $"{what} '{value}' may not start with '-' or '@'"
                : $"{what} '{value}' is not a valid name: it must start with a letter or digit and contain no white space");
        }

        arguments.Add(value);
        return this;
    }

    /// <summary>Adds <c>--name value</c> when the value is given; an empty MSBuild property means "not set".</summary>
    public CliCommand Option(string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            arguments.Add(name + "=" + value);
        }

        return this;
    }

    public CliCommand Flag(string name, bool on)
    {
        if (on)
        {
            arguments.Add(name);
        }

        return this;
    }

    /// <summary>One <c>--name value</c> pair per item, in item order.</summary>
    public CliCommand Repeat(string name, IEnumerable<string>? values)
    {
        foreach (var value in values ?? [])
        {
            Option(name, value);
        }

        return this;
    }
}
