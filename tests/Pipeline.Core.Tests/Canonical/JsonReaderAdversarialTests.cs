using System.Numerics;
using System.Text;
using Pipeline.Core.Canonical;
using Pipeline.Core.Diagnostics;
using Pipeline.Core.Lineage;

namespace Pipeline.Core.Tests.Canonical;

/// <summary>Hostile and broken inputs: each is refused with the right PIPE code, file and line, never a crash.</summary>
public sealed class JsonReaderAdversarialTests
{
    private static PipelineException Refused(string text) =>
        Assert.Throws<PipelineException>(() => JsonReader.Parse(Encoding.UTF8.GetBytes(text), "in.json"));

    private static PipelineException Refused(byte[] bytes) =>
        Assert.Throws<PipelineException>(() => JsonReader.Parse(bytes, "in.json"));

    [Fact]
    public void Duplicate_key_is_refused_naming_the_key_and_both_lines()
    {
        var ex = Refused("{\n  \"seed\": 1,\n  \"config\": {},\n  \"seed\": 2\n}");
        Assert.Equal("PIPE2002", ex.Code.Id);
        Assert.Equal("in.json", ex.File);
        Assert.Equal(4, ex.Line);
        Assert.Equal("duplicate key \"seed\" (first at line 2)", ex.Message);
        Assert.Equal(ExitCodes.BadInput, ex.Code.ExitCode);
    }

    [Fact]
    public void Duplicate_key_deep_inside_is_refused()
    {
        var ex = Refused("{\"config\": {\"opt\": [ {\"lr\": 1,\n\"lr\": 1} ]}}");
        Assert.Equal("PIPE2002", ex.Code.Id);
        Assert.Equal(2, ex.Line);
        Assert.Contains("\"lr\"", ex.Message);
    }

    [Fact]
    public void Keys_that_differ_only_by_escaping_are_the_same_key()
    {
        Assert.Equal("PIPE2002", Refused("{\"\\u00e9\": 1, \"\u00e9\": 2}").Code.Id);
        // Different code points are different keys, even if they look alike.
        Assert.Equal("{\"e\\u0301\":2,\"\\u00e9\":1}", CanonicalJson.Write(JsonReader.Parse("{\"\u00e9\": 1, \"e\u0301\": 2}", "x")));
    }

    [Fact]
    public void Ten_thousand_deep_is_refused_on_a_small_stack_without_overflow()
    {
        // 256 KB is far below the default stack; a recursive reader at this depth would crash the whole test host.
        var deep = new string('[', 10_000) + new string(']', 10_000);
        var deepObjects = string.Concat(Enumerable.Repeat("{\"k\":", 10_000)) + "1" + new string('}', 10_000);
        var results = OnSmallStack(() => new[] { Refused(deep), Refused(deepObjects) });
        foreach (var ex in results)
        {
            Assert.Equal("PIPE2005", ex.Code.Id);
            Assert.Contains("512", ex.Message);
        }
    }

    [Fact]
    public void The_deepest_accepted_document_reads_and_writes_on_a_small_stack()
    {
        var text = new string('[', JsonReader.MaxDepth) + new string(']', JsonReader.MaxDepth);
        var canonical = OnSmallStack(() => CanonicalJson.Write(JsonReader.Parse(text, "deep.json")));
        Assert.Equal(text, canonical);
        Assert.Equal("PIPE2005", Refused("[" + text + "]").Code.Id);
    }

    [Theory]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    [InlineData("-Infinity")]
    [InlineData("1e400")]
    [InlineData("-1e400")]
    [InlineData("1.7976931348623159e308")]
    public void Non_finite_numbers_are_refused(string literal)
    {
        var ex = Refused("{\n\"config\": {\"lr\": " + literal + "}}");
        Assert.Equal("PIPE2004", ex.Code.Id);
        Assert.Equal(2, ex.Line);
        Assert.Contains("\"lr\"", ex.Message);
    }

    [Fact]
    public void The_largest_finite_double_and_underflow_are_accepted()
    {
        Assert.Equal("1.7976931348623157e+308", CanonicalJson.Write(JsonReader.Parse("1.7976931348623158e308", "x")));
        Assert.Equal("-0.0", CanonicalJson.Write(JsonReader.Parse("-1e-400", "x")));
    }

    public static TheoryData<string, byte[], int> InvalidUtf8 => new()
    {
        { "lone continuation byte", [.. "{\n\"a\": \""u8, 0x80, .. "\"}"u8], 2 },
        { "0xFF", [.. "\n\n\""u8, 0xFF, .. "\""u8], 3 },
        { "overlong slash", [.. "\""u8, 0xC0, 0xAF, .. "\""u8], 1 },
        { "encoded surrogate", [.. "\""u8, 0xED, 0xA0, 0x80, .. "\""u8], 1 },
        { "truncated at end", [.. "\""u8, 0xE2, 0x82], 1 },
        { "above U+10FFFF", [.. "\""u8, 0xF4, 0x90, 0x80, 0x80, .. "\""u8], 1 },
    };

    [Theory]
    [MemberData(nameof(InvalidUtf8))]
    public void Invalid_utf8_is_refused_with_its_line(string why, byte[] bytes, int line)
    {
        var ex = Refused(bytes);
        Assert.True(ex.Code.Id == "PIPE2006", why);
        Assert.Equal(line, ex.Line);
        Assert.Equal("in.json", ex.File);
    }

    [Theory]
    [InlineData("\"a\tb\"")]
    [InlineData("\"a\nb\"")]
    [InlineData("\"a\u0000b\"")]
    [InlineData("\"a\u001fb\"")]
    public void Raw_control_characters_in_strings_are_refused(string text) =>
        Assert.Equal("PIPE2001", Refused(text).Code.Id);

    [Fact]
    public void Del_and_C1_characters_need_no_escape_on_input() =>
        Assert.Equal("\"\\u007f\\u0085\"", CanonicalJson.Write(JsonReader.Parse("\"\u007f\u0085\"", "x")));

    [Theory]
    [InlineData("{} x", "extra data")]
    [InlineData("{}{}", "extra data")]
    [InlineData("[1] 2", "extra data")]
    [InlineData("01", "leading zeros")]
    [InlineData("-01", "leading zeros")]
    [InlineData("[00]", "leading zeros")]
    [InlineData("1.", "extra data")]
    [InlineData("1e", "extra data")]
    [InlineData("+1", "unexpected character")]
    [InlineData(".5", "unexpected character")]
    [InlineData("[1,]", "unexpected character")]
    [InlineData("{\"a\":1,}", "expected a string key")]
    [InlineData("{\"a\" 1}", "expected ':'")]
    [InlineData("[1 2]", "expected ',' or ']'")]
    [InlineData("\"\\x\"", "invalid escape")]
    [InlineData("\"\\u12g4\"", "four hex digits")]
    [InlineData("\"abc", "unterminated")]
    [InlineData("", "unexpected end")]
    [InlineData("tru", "expected 'true'")]
    [InlineData("nan", "expected 'null'")]
    [InlineData("\u00a01", "unexpected character")]
    public void Syntax_errors_are_refused_with_a_reason(string text, string reason)
    {
        var ex = Refused(text);
        Assert.Equal("PIPE2001", ex.Code.Id);
        Assert.Contains(reason, ex.Message);
    }

    [Fact]
    public void Syntax_errors_name_the_line_and_the_key()
    {
        var ex = Refused("{\n  \"data_version\": \"d\",\n  \"config\": {\n    \"lr\": 0.1,\n    \"warmup\": tru\n  }\n}");
        Assert.Equal(5, ex.Line);
        Assert.Contains("(in key \"warmup\")", ex.Message);
    }

    [Fact]
    public void Byte_order_mark_is_accepted()
    {
        byte[] bytes = [0xEF, 0xBB, 0xBF, .. "{\"a\": 1}"u8];
        Assert.Equal("{\"a\":1}", CanonicalJson.Write(JsonReader.Parse(bytes, "bom.json")));
        Assert.Equal("{\"a\":1}", CanonicalJson.Write(JsonReader.Parse("\uFEFF{\"a\": 1}", "bom.json")));
        // Only a leading BOM: elsewhere U+FEFF is not whitespace.
        Assert.Equal("PIPE2001", Refused("{\"a\": \uFEFF1}").Code.Id);
    }

    [Fact]
    public void Integers_up_to4300_digits_are_exact_beyond_that_refused()
    {
        var digits = "7" + new string('3', 4299);
        Assert.Equal(digits, CanonicalJson.Write(JsonReader.Parse(digits, "x")));
        Assert.Equal("-" + digits, CanonicalJson.Write(JsonReader.Parse("-" + digits, "x")));
        Assert.Equal("PIPE2007", Refused(digits + "0").Code.Id);
        Assert.Equal("PIPE2007", Refused("[-" + digits + "0]").Code.Id);
    }

    [Fact]
    public void Missing_required_fields_are_listed_in_required_order()
    {
        var lineage = (ObjectValue)JsonReader.Parse(
            "{\"seed_value\": 1,\n\"base_model\": \"m\", \"code_commit\": \"c\", \"data_version\": \"d\"}",
            "lineage.json");
        var ex = Assert.Throws<PipelineException>(() => Fingerprint.Compute(lineage, "lineage.json"));
        Assert.Equal("PIPE2003", ex.Code.Id);
        Assert.Equal("broken lineage, missing: config, seed", ex.Message);
        Assert.Equal("lineage.json", ex.File);

        var empty = (ObjectValue)JsonReader.Parse("{}", "e.json");
        var all = Assert.Throws<PipelineException>(() => Fingerprint.Compute(empty, "e.json"));
        Assert.Equal("broken lineage, missing: data_version, code_commit, config, base_model, seed", all.Message);
    }

    [Fact]
    public void Null_is_a_present_field()
    {
        var lineage = (ObjectValue)JsonReader.Parse(
            "{\"data_version\":null,\"code_commit\":null,\"config\":null,\"base_model\":null,\"seed\":null}",
            "n");
        Assert.Equal(
            "{\"base_model\":null,\"code_commit\":null,\"config\":null,\"data_version\":null,\"seed\":null}",
            Fingerprint.Canonical(lineage));
    }

    [Fact]
    public void A_lineage_that_is_not_an_object_is_refused()
    {
        var ex = Assert.Throws<PipelineException>(() => Fingerprint.AsLineage(JsonReader.Parse("[1]", "l.json"), "l.json"));
        Assert.Equal("PIPE2008", ex.Code.Id);
    }

    [Fact]
    public void A_missing_file_is_refused()
    {
        var ex = Assert.Throws<PipelineException>(() => JsonReader.ParseFile(Path.Combine(Path.GetTempPath(), Guid.NewGuid() + ".json")));
        Assert.Equal(ExitCodes.BadInput, ex.Code.ExitCode);
    }

    [Fact]
    public void The_writer_refuses_what_python_cannot_print_as_json()
    {
        Assert.Equal("PIPE2004", Assert.Throws<PipelineException>(() => CanonicalJson.Write(new FloatValue(double.NaN))).Code.Id);
        Assert.Equal("PIPE2004", Assert.Throws<PipelineException>(() => CanonicalJson.Write(new FloatValue(double.NegativeInfinity))).Code.Id);
        var huge = new IntegerValue(BigInteger.Pow(10, 4300)); // 4301 digits: Python's str(int) raises
        Assert.Equal("PIPE2007", Assert.Throws<PipelineException>(() => CanonicalJson.Write(huge)).Code.Id);
        Assert.Equal(4301, CanonicalJson.Write(new IntegerValue(-BigInteger.Pow(10, 4299))).Length);

        Value deep = new IntegerValue(1);
        for (var i = 0; i < 10_000; i++)
        {
            deep = new ArrayValue([deep]);
        }

        var ex = OnSmallStack(() => Assert.Throws<PipelineException>(() => CanonicalJson.Write(deep)));
        Assert.Equal("PIPE2005", ex.Code.Id);
    }

    private static T OnSmallStack<T>(Func<T> body)
    {
        T result = default!;
        Exception? failure = null;
        var thread = new Thread(
            () =>
            {
                try
                {
                    result = body();
                }
                catch (Exception ex)
                {
                    failure = ex;
                }
            },
            maxStackSize: 256 * 1024);
        thread.Start();
        thread.Join();
        if (failure is not null)
        {
            throw failure;
        }

        return result;
    }
}
