namespace Pipeline.Core.Tracking.Search;

/// <summary>
/// What a field holds for one run: a number, a text, or nothing (the run lacks the key). A param keeps its typing: an
/// integer or float param is a number, a string param is text (and compares as a number only when it reads as one).
/// </summary>
public readonly record struct FieldValue(double? Number, string? Text)
{
    public static FieldValue Missing => default;

    public bool IsPresent => Number is not null || Text is not null;

    public static FieldValue Of(double number, string text) => new(number, text);

    public static FieldValue Of(string text) => new(null, text);

    /// <summary>The number to compare with, when the value is or reads as one.</summary>
    public double? AsNumber() =>
        Number
            ?? (Text is { } t
                && double.TryParse(t, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var d)
                    ? d
                    : null);
}
