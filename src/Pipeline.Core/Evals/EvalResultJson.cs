using System.Text.Json;
using Pipeline.Core.Canonical;

namespace Pipeline.Core.Evals;

/// <summary>
/// The one JSON form of an <see cref="EvalResult"/>, shared by version records and run records. Scores keep Python's
/// float repr; a non-finite score (a diverged eval is data) is written as the string "NaN"/"Infinity"/"-Infinity".
/// </summary>
public static class EvalResultJson
{
    public static void Write(Utf8JsonWriter w, EvalResult e)
    {
        w.WriteStartObject();
        w.WriteStartObject("suite");
        w.WriteString("name", e.Suite.Name);
        w.WriteString("fingerprint", e.Suite.Fingerprint);
        w.WriteEndObject();
        w.WriteString("evaluated", e.Evaluated);
        w.WriteStartObject("scores");
        foreach (var (key, score) in e.Scores.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            w.WritePropertyName(key);
            if (double.IsFinite(score))
            {
                w.WriteRawValue(PythonFloat.Repr(score), skipInputValidation: true);
            }
            else
            {
                w.WriteStringValue(double.IsNaN(score) ? "NaN" : score > 0 ? "Infinity" : "-Infinity");
            }
        }

        w.WriteEndObject();
        if (e.Producer is { } producer)
        {
            w.WritePropertyName("producer");
            ValueJson.Write(w, producer.ToValue());
        }

        w.WriteEndObject();
    }
}
