namespace Pipeline.Core.Project.Adoption;

/// <summary>One line <c>pipeline init</c> could not fill or guessed: the user edits it before the first commit.</summary>
public sealed record InitEdit(string File, int Line, string Key, string What);

/// <summary>A file <c>pipeline init</c> writes: its repository-relative path, its text and the edits it still needs.</summary>
public sealed record InitFile(string Path, string Text, IReadOnlyList<InitEdit> Edits);
