using System.Text;
using System.Text.Json;
using FsCheck.Xunit;
using Pipeline.Core.Canonical;
using Pipeline.Core.Evals;

namespace Pipeline.Core.Tests.Evals;

/// <summary>Version records and run records write eval results through one writer; what it writes reads back.</summary>
public sealed class EvalResultJsonTests
{
    [Property(MaxTest = 300)]
    public bool Finite_scores_round_trip_exactly(double score)
    {
        if (!double.IsFinite(score))
        {
            return true;
        }

        var original = new EvalResult(new Suite("mmlu", "sha256:abc"), "fp", new Dictionary<string, double> { ["mmlu"] = score });
        var back = EvalResult.From(JsonReader.Parse(Write(original), "eval.json"), "eval.json");
        return BitConverter.DoubleToInt64Bits(back.Scores["mmlu"]) == BitConverter.DoubleToInt64Bits(score)
            && back.Suite == original.Suite && back.Evaluated == original.Evaluated;
    }

    [Fact]
    public void Non_finite_scores_stay_valid_json()
    {
        var result = new EvalResult(new Suite("mmlu", "sha256:abc"), "fp", new Dictionary<string, double>
        {
            ["b"] = double.NaN, ["a"] = double.PositiveInfinity, ["c"] = 2e-5,
        });

        using var doc = JsonDocument.Parse(Write(result));
        var scores = doc.RootElement.GetProperty("scores");
        Assert.Equal(["a", "b", "c"], scores.EnumerateObject().Select(p => p.Name));
        Assert.Equal("Infinity", scores.GetProperty("a").GetString());
        Assert.Equal("NaN", scores.GetProperty("b").GetString());
        Assert.Equal("2e-05", scores.GetProperty("c").GetRawText());
    }

    private static string Write(EvalResult result)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            EvalResultJson.Write(w, result);
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
