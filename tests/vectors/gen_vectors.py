#!/usr/bin/env python3
"""Generate the canonical-JSON test vectors of Pipeline (lineage-v1), python3 standard library only.

Every line of every output file is one JSON object:
  {"name", "kind": "value"|"lineage", "input_json", "canonical", "sha256"}   accepted input
  {"name", "kind", "input_json", "refuse": "PIPE2xxx", "message"?}          input Pipeline must refuse
  float vectors also carry "bits" (the double's IEEE bits as 16 hex digits).

"canonical" is what the Python reference prints:
  value:   json.dumps(json.loads(input_json), sort_keys=True, separators=(",", ":"))
  lineage: the same over {k: lineage[k] for k in REQUIRED}
and "sha256" is sha256_hex of its UTF-8 bytes. Refusals are the places where Pipeline departs from Python on
purpose (docs/design.md §2) or where Python refuses too; the script asserts which, so a vector never encodes a guess.

Usage: python3 tests/vectors/gen_vectors.py [--out DIR]   (default: the folder of this script)
The output is deterministic (fixed random seeds); a test re-runs it and checks the committed files are current.
"""

import argparse
import hashlib
import json
import math
import os
import random
import struct
import sys
from decimal import Decimal

REQUIRED = ["data_version", "code_commit", "config", "base_model", "seed"]
MAX_DEPTH = 512          # Pipeline's documented nesting limit (JsonReader.MaxDepth)
MAX_INT_DIGITS = 4300    # CPython's sys.get_int_max_str_digits() default

BASE = {
    "data_version": "dvc:9f1c3e0a",
    "code_commit": "0123456789abcdef0123456789abcdef01234567",
    "config": {"lr": 2e-05, "lora_r": 16},
    "base_model": "Qwen/Qwen3-8B",
    "seed": 0,
}


def canonical(obj):
    return json.dumps(obj, sort_keys=True, separators=(",", ":"))


def sha(text):
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def bits_of(x):
    return struct.unpack("<Q", struct.pack("<d", x))[0]


def from_bits(b):
    return struct.unpack("<d", struct.pack("<Q", b))[0]


def dumps_input(obj):
    """Input text with raw UTF-8 where possible (exercises the reader's decoding), escapes where it must."""
    text = json.dumps(obj, ensure_ascii=False)
    try:
        text.encode("utf-8")
        return text
    except UnicodeEncodeError:  # lone surrogates have no UTF-8 form: keep them escaped
        return json.dumps(obj, ensure_ascii=True)


class Out:
    def __init__(self):
        self.files = {}
        self.names = set()

    def add(self, file, record):
        assert record["name"] not in self.names, record["name"]
        self.names.add(record["name"])
        self.files.setdefault(file, []).append(record)

    def accept(self, file, name, input_json, kind="value", extra=None):
        parsed = json.loads(input_json)
        if kind == "lineage":
            parsed = {k: parsed[k] for k in REQUIRED}
        text = canonical(parsed)
        # Pipeline refuses these; an "accept" vector holding one would be a generator bug.
        assert "NaN" not in text and "Infinity" not in text, name
        record = {"name": name, "kind": kind}
        if extra:
            record.update(extra)
        record.update({"input_json": input_json, "canonical": text, "sha256": sha(text)})
        self.add(file, record)

    def refuse(self, file, name, input_json, code, kind="value", message=None):
        record = {"name": name, "kind": kind, "input_json": input_json, "refuse": code}
        if message is not None:
            record["message"] = message
        self.add(file, record)

    def write(self, folder):
        os.makedirs(folder, exist_ok=True)
        for file, records in sorted(self.files.items()):
            with open(os.path.join(folder, file), "w", encoding="utf-8", newline="\n") as f:
                for r in records:
                    f.write(json.dumps(r, ensure_ascii=False) + "\n")


def python_refuses(text):
    try:
        json.loads(text)
        return False
    except (ValueError, RecursionError):
        return True


# ---------------------------------------------------------------- floats

def next_up(x, n=1):
    for _ in range(n):
        x = math.nextafter(x, math.inf)
    return x


def next_down(x, n=1):
    for _ in range(n):
        x = math.nextafter(x, -math.inf)
    return x


def is_tie(x):
    """True when repr(x) won a tie: a neighbour in its last digit also round-trips at the same distance."""
    r = repr(x)
    d = Decimal(r)
    if len(d.as_tuple().digits) < 2:
        return False
    exact = Decimal(x)
    ulp = Decimal(1).scaleb(d.as_tuple().exponent)
    for alt in (d - ulp, d + ulp):
        if float(alt) == x and abs(alt - exact) == abs(d - exact):
            return True
    return False


def float_vectors(out):
    seen = set()

    def add(name, x, literal=None):
        if math.isnan(x) or math.isinf(x):
            return
        b = bits_of(x)
        key = (b, literal is not None)
        if key in seen:
            return
        seen.add(key)
        text = literal if literal is not None else repr(x)
        assert float(text) == x or (x == 0 and float(text) == 0), name
        out.accept("floats.jsonl", name, text, extra={"bits": "%016x" % b})

    # Zeros, extremes, subnormals.
    add("zero", 0.0)
    add("neg_zero", -0.0)
    add("min_subnormal", 5e-324)
    add("min_subnormal_x2", 1e-323)
    add("neg_min_subnormal", -5e-324)
    add("max_subnormal", from_bits(0x000FFFFFFFFFFFFF))
    add("max_subnormal_prev", from_bits(0x000FFFFFFFFFFFFE))
    add("min_normal", 2.2250738585072014e-308)
    add("min_normal_next", next_up(2.2250738585072014e-308))
    add("subnormal_mid", from_bits(0x0008000000000000))
    add("subnormal_odd", from_bits(0x0000000000012345))
    add("max", 1.7976931348623157e308)
    add("max_prev", next_down(1.7976931348623157e308))
    add("neg_max", -1.7976931348623157e308)

    # Every power of two (2^-1074 .. 2^1023): the runtime's own shortest formatting fails 2^-25 and 2^-958.
    for k in range(-1074, 1024):
        add("pow2_%d" % k, math.ldexp(1.0, k))
    add("neg_pow2_-25", -math.ldexp(1.0, -25))
    add("neg_pow2_-958", -math.ldexp(1.0, -958))
    for k in (-1022, -958, -25, 52, 53, 54, 63, 64):
        x = math.ldexp(1.0, k)
        add("pow2_%d_next" % k, next_up(x))
        add("pow2_%d_prev" % k, next_down(x))

    # Powers of ten and their neighbours: the fixed/exponent switch (1e-4 vs 1e-05, 1e15/1e16/1e17).
    for k in range(-30, 31):
        x = float("1e%d" % k)
        add("pow10_%d" % k, x)
        for n in (1, 2, 3):
            add("pow10_%d_up%d" % (k, n), next_up(x, n))
            add("pow10_%d_down%d" % (k, n), next_down(x, n))
    for k in (-324, -323, -310, -308, -307, 100, 200, 300, 307, 308):
        x = float("1e%d" % k)
        add("pow10_%d" % k, x)
        add("pow10_%d_up1" % k, next_up(x))
        add("pow10_%d_down1" % k, next_down(x))

    # decpt exactly at the layout edges.
    for text in ("0.0001", "0.00011", "0.000099999", "9.999999999999999e-05", "0.00010000000000000002",
                 "1234567890123456.8", "9999999999999998.0", "9999999999999999.0", "1e+16",
                 "12345678901234568.0", "123456789012345678.0", "1.2345678901234567e+16",
                 "100.0", "0.1", "0.2", "0.30000000000000004", "2.5e-07", "1e+22", "1e+21", "1e+23",
                 "9.223372036854776e+18", "1.8446744073709552e+19", "4.35e-05", "0.5", "1.5", "2.675",
                 "5e-05", "0.001", "1e-07", "123456.789", "3.141592653589793", "2.718281828459045"):
        add("literal_" + text, float(text))

    # Non-repr literal forms of the same doubles: the reader must round them correctly.
    rng = random.Random(20261125)
    for i in range(40):
        x = from_bits(rng.getrandbits(64))
        if math.isnan(x) or math.isinf(x):
            continue
        add("literal25_%02d" % i, x, "%.25e" % x)
        add("literal_upperE_%02d" % i, x, ("%.17E" % x))
    add("literal_many_digits", 1.0, "1.00000000000000000000000000001")
    add("literal_long_mantissa", 0.1, "0." + "1" + "0" * 400)
    add("literal_halfway_even_down", 9007199254740992.0, "9007199254740993.0")
    add("literal_halfway_even_up", 9007199254740996.0, "9007199254740995.0")
    add("literal_underflow_to_zero", 0.0, "1e-400")
    add("literal_neg_underflow_to_neg_zero", -0.0, "-1e-400")
    add("literal_0e0", 0.0, "0e0")
    add("literal_exp_plus", 1500.0, "1.5E+3")
    add("literal_100e-2", 1.0, "100e-2")

    # Ties: repr must pick the even last digit among two equally close shortest candidates.
    ties = 0
    rng = random.Random(7)
    add("tie_known", 217564389877463.375)
    while ties < 60:
        # Doubles with few fraction bits have short exact decimal tails ending in 5: tie candidates.
        e = rng.randint(44, 52)
        m = rng.getrandbits(53) | (1 << 52)
        x = math.ldexp(m, e - 52)
        x = math.floor(x * 8) / 8
        if is_tie(x):
            add("tie_%02d" % ties, x)
            ties += 1

    # Random bit patterns and random short decimals.
    rng = random.Random(42)
    for i in range(600):
        x = from_bits(rng.getrandbits(64))
        add("random_bits_%03d" % i, x)
    for i in range(200):
        x = float("%de%d" % (rng.randint(1, 999999), rng.randint(-30, 30)))
        add("random_short_%03d" % i, x)


# ---------------------------------------------------------------- integers

def integer_vectors(out):
    for name, n in [("zero", 0), ("one", 1), ("neg_one", -1), ("pow2_53_plus1", 2**53 + 1),
                    ("pow2_63_minus1", 2**63 - 1), ("pow2_63", 2**63), ("neg_pow2_63", -2**63),
                    ("neg_pow2_63_minus1", -2**63 - 1), ("pow2_64", 2**64), ("pow2_64_plus1", 2**64 + 1),
                    ("neg_pow2_70", -2**70), ("pow10_100", 10**100), ("pow2_128", 2**128)]:
        out.accept("integers.jsonl", "int_" + name, str(n))
    out.accept("integers.jsonl", "int_neg_zero_is_int_zero", "-0")
    digits = "".join(str((i * 7 + 3) % 10) for i in range(MAX_INT_DIGITS))
    digits = "9" + digits[1:]
    out.accept("integers.jsonl", "int_4300_digits", digits)
    out.accept("integers.jsonl", "int_neg_4300_digits", "-" + digits)
    out.accept("integers.jsonl", "int_4300_digits_in_lineage_seed",
               dumps_input(dict(BASE, seed=int(digits))), kind="lineage")
    too_long = digits + "1"
    assert python_refuses(too_long), "CPython should refuse more than 4300 digits"
    out.refuse("integers.jsonl", "int_4301_digits", too_long, "PIPE2007")
    out.refuse("integers.jsonl", "int_neg_4301_digits", "-" + too_long, "PIPE2007")
    # An integer-valued float stays a float, a float-looking integer stays exact.
    out.accept("integers.jsonl", "int_2_53_plus1_as_float", "9007199254740993.0")
    out.accept("integers.jsonl", "int_in_array", "[1, -2, 30000000000000000000000, 4.0]")


# ---------------------------------------------------------------- strings and keys

def string_vectors(out):
    f = "strings.jsonl"
    samples = {
        "empty": "",
        "ascii": "hello world",
        "quote_backslash_slash": "a\"b\\c/d",
        "latin1": "caf\u00e9 na\u00efve \u00ff",
        "cjk": "\u6a21\u578b\u8bad\u7ec3",
        "arabic_rtl": "\u0645\u0631\u062d\u0628\u0627",
        "zwj_emoji_family": "\U0001F468\u200D\U0001F469\u200D\U0001F467",
        "astral_emoji": "\U0001F600",
        "astral_first": "\U00010000",
        "astral_last": "\U0010FFFF",
        "bmp_last": "\uffff",
        "noncharacter_fffe": "\ufffe",
        "private_use": "\ue000\uf8ff",
        "line_separators": "a\u2028b\u2029c",
        "bom_inside_string": "\ufeffx",
        "del": "\x7f",
        "c1_controls": "\x80\x85\x9f",
        "nbsp": "\u00a0",
        "combining": "e\u0301",
        "mixed": "x\u00e9\U0001F600\x7f\ty",
    }
    for name, s in samples.items():
        out.accept(f, "str_" + name, dumps_input(s))
    for c in range(0x20):
        out.accept(f, "str_control_%02x" % c, json.dumps("<" + chr(c) + ">"))
    # Escapes in the input that Python decodes.
    for name, text in [("escaped_slash", r'"\/"'), ("escaped_upper_hex", r'"\u00E9\u00c9"'),
                       ("escaped_ascii", r'"\u0041\u0062"'), ("escaped_pair", r'"\uD83D\uDE00"'),
                       ("escaped_pair_lower", r'"\ud83d\ude00"'), ("escaped_nul", r'"a\u0000b"'),
                       ("all_short_escapes", r'"\"\\\/\b\f\n\r\t"'), ("escaped_del", r'"\u007F"')]:
        out.accept(f, "str_" + name, text)
    # Lone surrogates survive (Python keeps them; they have no UTF-8 form so the input escapes them).
    for name, text in [("lone_high", r'"\ud800"'), ("lone_low", r'"\udfff"'),
                       ("reversed_pair", r'"\udc00\ud800"'), ("high_at_end", r'"abc\ud83d"'),
                       ("high_then_ascii", r'"\ud83dx"'), ("high_high_low", r'"\ud83d\ud83d\ude00"'),
                       ("low_then_pair", r'"\ude00\ud83d\ude00"')]:
        out.accept(f, "str_lone_" + name, text)

    # Keys: code-point order (astral after U+E000..U+FFFF), prefixes, empty, NUL, case.
    keys = ["\uffff", "\U0001F600", "\ue000", "a", "B", "\u00e9", "", "aa", "a\x00", "\U00010000", "\ufb33",
            "\u20ac", "Z", "_", "a\U0001F600", "a\uffff", "\x7f", "\U0010FFFF"]
    out.accept(f, "keys_code_point_order", dumps_input({k: i for i, k in enumerate(keys)}))
    out.accept(f, "keys_reversed_insertion", dumps_input({k: i for i, k in enumerate(reversed(keys))}))
    out.accept(f, "keys_lone_surrogates_vs_astral",
               r'{"\ud83d":1,"\ud83d\ude00":2,"\ue000":3,"\ud83dx":4,"\udc00":5,"\ud7ff":6}')
    out.accept(f, "keys_astral_values_nested",
               dumps_input({"\U0001F600": {"\U0001F601": "\U0001F602", "\uffff": ["\U00010000"]}, "\ue000": None}))
    out.accept(f, "keys_escaped_equal_raw_order", r'{"\u00e9":1,"e":2,"f":3}')
    rng = random.Random(99)
    alphabet = ["a", "b", "\u00e9", "\ue000", "\uffff", "\U0001F600", "\U00010000", "\x00", "\x7f", "Z"]
    for i in range(30):
        obj = {}
        for _ in range(rng.randint(1, 8)):
            obj["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 4)))] = rng.randint(0, 9)
        out.accept(f, "keys_random_%02d" % i, dumps_input(obj))


# ---------------------------------------------------------------- structure, whitespace, depth

def nest(depth, leaf="1"):
    """depth nested containers, alternating arrays and objects, around leaf."""
    text = leaf
    for i in range(depth):
        text = "[" + text + "]" if i % 2 == 0 else '{"k":' + text + "}"
    return text


def structure_vectors(out):
    f = "structure.jsonl"
    for name, text in [("literals", "[true,false,null]"), ("empty_object", "{}"), ("empty_array", "[]"),
                       ("whitespace_crlf_tabs", '{\r\n\t"b" : [ 1 , 2 ] ,\r\n\t"a" : { }\r\n}'),
                       ("leading_trailing_ws", " \n\t\r[1]\n \r\n"),
                       ("array_order_kept", "[3,1,2,\"b\",\"a\"]"),
                       ("mixed_types", '{"i":1,"f":1.0,"s":"1","b":true,"n":null,"a":[],"o":{}}'),
                       ("top_level_string", '"x"'), ("top_level_number", "12"), ("top_level_null", "null")]:
        out.accept(f, "struct_" + name, text)
    for depth in (100, 511, MAX_DEPTH):
        out.accept(f, "depth_%d" % depth, nest(depth))
        out.accept(f, "depth_%d_arrays" % depth, "[" * depth + "]" * depth)
    # Python reads 513 fine; Pipeline's limit is documented; deeper Python input overflows Python's stack.
    for depth in (MAX_DEPTH + 1, 10000):
        out.refuse(f, "depth_%d" % depth, "[" * depth + "]" * depth, "PIPE2005")
    out.refuse(f, "depth_%d_objects" % (MAX_DEPTH + 1), nest(MAX_DEPTH + 1), "PIPE2005")


# ---------------------------------------------------------------- refusals (non-lineage)

def refusal_vectors(out):
    f = "refusals.jsonl"
    # Python accepts these, Pipeline refuses them on purpose (docs/design.md §2).
    for name, text in [("nan", "NaN"), ("infinity", "Infinity"), ("neg_infinity", "-Infinity"),
                       ("1e400", "1e400"), ("neg_1e400", "-1e400"), ("1e309", "1e309"),
                       ("max_times_10", "1.7976931348623157e309"), ("nan_in_array", "[1, NaN]"),
                       ("inf_in_object", '{"a": {"b": Infinity}}')]:
        assert not python_refuses(text), name
        out.refuse(f, "nonfinite_" + name, text, "PIPE2004")
    for name, text in [("top", '{"b":1,"a":2,"b":3}'), ("nested", '{"a":{"x":1,"x":1}}'),
                       ("escaped_equal", '{"\\u00e9":1,"\u00e9":2}'), ("empty_key", '{"":1,"":2}')]:
        assert not python_refuses(text), name
        out.refuse(f, "duplicate_" + name, text, "PIPE2002")
    # Python refuses these too.
    for name, text in [("trailing_garbage", "[1] x"), ("two_values", "1 2"), ("leading_zero", "01"),
                       ("leading_zero_neg", "-01"), ("leading_zero_float", "00.5"), ("dot_no_digits", "1."),
                       ("exp_no_digits", "1e"), ("plus_sign", "+1"), ("hex", "0x10"), ("raw_tab_in_string", '"a\tb"'),
                       ("raw_newline_in_string", '"a\nb"'), ("raw_nul_in_string", '"a\x00b"'),
                       ("single_quotes", "'a'"), ("trailing_comma_array", "[1,]"),
                       ("trailing_comma_object", '{"a":1,}'), ("unquoted_key", "{a:1}"), ("empty", ""),
                       ("only_ws", "  "), ("bad_escape", '"\\x"'), ("short_u_escape", '"\\u12"'),
                       ("unterminated_string", '"abc'), ("unterminated_array", "[1,2"),
                       ("vertical_tab_ws", "\x0b1"), ("nbsp_ws", "\u00a01"), ("lowercase_nan", "nan"),
                       ("true_prefix", "tru"), ("comment", "[1] // c")]:
        assert python_refuses(text), name
        out.refuse(f, "syntax_" + name, text, "PIPE2001")


# ---------------------------------------------------------------- whole lineages

def lineage_vectors(out):
    f = "lineages.jsonl"

    def acc(name, obj, raw=None):
        out.accept(f, "lineage_" + name, raw if raw is not None else dumps_input(obj), kind="lineage")

    acc("seed_example", None, '{"data_version": "sft-mix-v3", "code_commit": "a1b2c3d", "config": {"lr": 2e-5, '
                              '"lora_r": 16}, "base_model": "Qwen/Qwen3-8B", "seed": 0}')
    acc("base", BASE)
    acc("reversed_order", dict(reversed(list(BASE.items()))))
    acc("extra_fields_dropped", dict(BASE, dirty=True, notes="\u00e9\U0001F600", lineage_sources={"x": 1}))
    acc("pretty_printed", None, json.dumps(BASE, indent=4, ensure_ascii=False))
    for name, seed in [("zero", 0), ("neg", -1), ("pow2_64_plus1", 2**64 + 1), ("null", None), ("string", "42"),
                       ("float", 42.0), ("bool", True), ("neg_pow2_70", -2**70)]:
        acc("seed_" + name, dict(BASE, seed=seed))
    acc("base_model_object", dict(BASE, base_model={"name": "llama", "rev": "\u00e9", "sha": None}))
    acc("base_model_astral", dict(BASE, base_model="\U0001F999-7b"))
    acc("config_astral_keys", dict(BASE, config={"\U0001F600": 1, "\ue000": 2, "\uffff": 3, "a": 4}))
    acc("config_lone_surrogate", None,
        '{"data_version":"d","code_commit":"c","config":{"\\ud800":"\\udfff"},"base_model":"m","seed":1}')
    acc("config_deep_100", None,
        '{"data_version":"d","code_commit":"c","config":%s,"base_model":"m","seed":1}' % nest(100))
    acc("config_deep_511", None,
        '{"data_version":"d","code_commit":"c","config":%s,"base_model":"m","seed":1}' % nest(MAX_DEPTH - 1))
    acc("config_optimizer", dict(BASE, config={
        "optimizer": {"name": "adamw", "betas": [0.9, 0.999], "eps": 1e-08, "weight_decay": 0.01},
        "schedule": {"warmup_ratio": 0.03, "type": "cosine"}, "lora": {"r": 16, "alpha": 32, "dropout": 0.05,
                                                                       "targets": ["q_proj", "v_proj"]},
        "max_steps": 10000, "lr": 2e-05, "bf16": True, "grad_clip": None}))
    acc("config_floats_edges", dict(BASE, config={"a": 1e-05, "b": 0.0001, "c": 1e16, "d": 1e15, "e": -0.0,
                                                  "f": 5e-324, "g": math.ldexp(1.0, -25), "h": 1.7976931348623157e308}))
    acc("config_empty", dict(BASE, config={}))
    acc("config_scalar", dict(BASE, config="params.yaml"))
    acc("data_version_control_chars", dict(BASE, data_version="a\x00\x1f\x7f\u2028"))
    acc("whitespace_bom_free_crlf", None, json.dumps(BASE).replace(", ", ",\r\n\t"))

    # Missing REQUIRED fields: Python raises KeyError; Pipeline names every missing field in REQUIRED order.
    for missing in (["config", "seed"], ["seed"], ["data_version"], list(REQUIRED), ["code_commit", "base_model"]):
        obj = {k: v for k, v in BASE.items() if k not in missing}
        obj["notes"] = "x"
        out.refuse(f, "lineage_missing_" + "_".join(missing), dumps_input(obj), "PIPE2003", kind="lineage",
                   message="broken lineage, missing: " + ", ".join(missing))
    out.refuse(f, "lineage_duplicate_seed", '{"data_version":"d","code_commit":"c","config":{},"base_model":"m",'
                                            '"seed":1,"seed":2}', "PIPE2002", kind="lineage")
    out.refuse(f, "lineage_nan_in_config", '{"data_version":"d","code_commit":"c","config":{"lr":NaN},'
                                           '"base_model":"m","seed":1}', "PIPE2004", kind="lineage")
    out.refuse(f, "lineage_config_too_deep",
               '{"data_version":"d","code_commit":"c","config":%s,"base_model":"m","seed":1}' % nest(MAX_DEPTH),
               "PIPE2005", kind="lineage")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=os.path.dirname(os.path.abspath(__file__)))
    args = parser.parse_args()
    sys.setrecursionlimit(20000)  # json.loads of the 10,000-deep refusal check
    out = Out()
    float_vectors(out)
    integer_vectors(out)
    string_vectors(out)
    structure_vectors(out)
    refusal_vectors(out)
    lineage_vectors(out)
    out.write(args.out)
    for file, records in sorted(out.files.items()):
        print("%-16s %5d vectors" % (file, len(records)))


if __name__ == "__main__":
    main()
