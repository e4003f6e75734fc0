"""Tests of pipeline_run.py with the standard library alone: python3 -m unittest discover -s python

transformers is not needed (nor used when installed: a stand-in module checks the subclassing). That the files these
tests write ingest to the same run as the .NET RunLogger writes is checked by tests/Pipeline.Cli.Tests
(Runs/PythonTrainerTests.cs), with the real CLI.
"""

import importlib
import importlib.util
import json
import os
import stat
import sys
import tempfile
import types
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import pipeline_run  # noqa: E402
from pipeline_run import PipelineCallback, PipelineRunError, Run  # noqa: E402


def strict_lines(path):
    """Every line as strict JSON: bare NaN/Infinity would be refused by jq and most JSON parsers."""
    def refuse(token):
        raise ValueError("non-standard JSON token " + token)
    with open(path, encoding="utf-8") as handle:
        return [json.loads(line, parse_constant=refuse) for line in handle.read().splitlines()]


class RunTests(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.TemporaryDirectory()
        self.path = os.path.join(self.dir.name, "runs", "sft.jsonl")

    def tearDown(self):
        self.dir.cleanup()

    def test_writes_header_points_and_final_status_as_strict_json(self):
        with Run(self.path, name="sft", experiment="exp", method="sft", params={"lr": 2e-5, "lora_r": 16}) as run:
            run.log_metrics({"loss": 2.5, "note": "skipped", "lr": 1e-4}, step=0, wall_time=1732540000.0)
            run.log_metric("loss", float("nan"), step=1, wall_time=1732540001.0)
            run.log_metric("reward", float("-inf"), step=1, wall_time=1732540001.0)
        lines = strict_lines(self.path)
        self.assertEqual("running", lines[0]["status"])
        self.assertEqual({"name": "sft", "experiment": "exp", "method": "sft"},
                         {k: lines[0][k] for k in ("name", "experiment", "method")})
        self.assertEqual({"params": {"lr": 2e-5, "lora_r": 16}}, lines[1])
        self.assertEqual({"step": 0, "time": 1732540000.0, "loss": 2.5, "lr": 1e-4}, lines[2])
        self.assertEqual("NaN", lines[3]["loss"])
        self.assertEqual("-Infinity", lines[4]["reward"])
        self.assertEqual("finished", lines[-1]["status"])
        self.assertTrue(lines[-1]["end"].endswith("Z"))

    def test_params_are_write_once(self):
        run = Run(self.path, params={"lr": 0.1})
        run.log_param("lr", 0.1)
        with self.assertRaisesRegex(PipelineRunError, "param 'lr' already logged as 0.1, now 0.2"):
            run.log_param("lr", 0.2)
        run.finish()

    def test_an_exception_marks_the_run_failed_and_a_killed_run_stays_running(self):
        with self.assertRaises(RuntimeError):
            with Run(self.path) as run:
                run.log_metric("loss", 1.0, step=0)
                raise RuntimeError("diverged")
        self.assertEqual("failed", strict_lines(self.path)[-1]["status"])

        killed = os.path.join(self.dir.name, "killed.jsonl")
        run = Run(killed)
        run.log_metric("loss", 1.0, step=0)
        # No finish (the process died): the points so far are on disk and the header says running.
        lines = strict_lines(killed)
        self.assertEqual("running", lines[0]["status"])
        self.assertEqual(1.0, lines[-1]["loss"])

    def test_refuses_what_ingest_would_refuse(self):
        run = Run(self.path)
        with self.assertRaisesRegex(PipelineRunError, "step must be an integer"):
            run.log_metric("loss", 1.0, step=1.5)
        with self.assertRaisesRegex(PipelineRunError, "reserved"):
            run.log_metrics({"step": 3}, step=0)
        with self.assertRaisesRegex(PipelineRunError, "does not exist"):
            run.log_artifact(os.path.join(self.dir.name, "missing"))
        with self.assertRaises(ValueError):
            run.log_params({"bad": float("nan")})  # params must stay valid JSON
        with self.assertRaisesRegex(PipelineRunError, "finished, failed or killed"):
            run.finish("done")
        run.finish("killed")
        run.finish()  # a second finish does nothing
        with self.assertRaisesRegex(PipelineRunError, "already finished"):
            run.log_metric("loss", 1.0, step=9)
        self.assertEqual("killed", strict_lines(self.path)[-1]["status"])

    def test_artifacts_are_relative_to_the_jsonl_file_and_uris_are_kept(self):
        os.makedirs(os.path.join(self.dir.name, "runs", "out", "adapter"))
        outside = os.path.join(self.dir.name, "model.bin")
        open(outside, "wb").close()
        with Run(self.path) as run:
            run.log_artifact(os.path.join(self.dir.name, "runs", "out", "adapter"))
            run.log_artifact(outside)
            run.log_artifact("s3://bucket/model")
        artifacts = [line["artifacts"][0] for line in strict_lines(self.path) if "artifacts" in line]
        self.assertEqual(["out/adapter", os.path.abspath(outside), "s3://bucket/model"], artifacts)

    def test_evals_tags_and_lineage_are_header_lines(self):
        lineage = {"data_version": "d", "code_commit": "c" * 40, "config": {"lr": 2e-5}, "base_model": "b", "seed": 1}
        with Run(self.path, tags={"gpu": "a100"}, lineage=lineage) as run:
            run.log_eval("mmlu", "mmlu@abcd", {"mmlu": 0.61}, evaluated="f" * 64)
            with self.assertRaisesRegex(PipelineRunError, "evaluated="):
                run.log_eval("mmlu", "mmlu@abcd", {"mmlu": 0.61})
        lines = strict_lines(self.path)
        self.assertIn({"tags": {"gpu": "a100"}}, lines)
        self.assertIn({"lineage": lineage}, lines)
        self.assertIn({"evals": [{"suite": {"name": "mmlu", "fingerprint": "mmlu@abcd"}, "evaluated": "f" * 64,
                                  "scores": {"mmlu": 0.61}}]}, lines)


class LineageTests(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.TemporaryDirectory()

    def tearDown(self):
        self.dir.cleanup()

    def fake_cli(self, body):
        path = os.path.join(self.dir.name, "pipeline")
        with open(path, "w", encoding="utf-8") as handle:
            handle.write("#!" + sys.executable + "\nimport sys, json\n" + body + "\n")
        os.chmod(path, os.stat(path).st_mode | stat.S_IEXEC)
        return path

    @unittest.skipIf(os.name == "nt", "a #! script stands in for the CLI")
    def test_lineage_from_the_cli_passes_the_arguments_and_reads_its_json(self):
        cli = self.fake_cli('print(json.dumps({"fingerprint": "f" * 64, "scheme": "lineage-v1", '
                            '"lineage": {"seed": int(sys.argv[sys.argv.index("--seed") + 1]), "argv": sys.argv[1:]}}))')
        lineage = pipeline_run.lineage_from_cli(["--seed", "7"], cli=cli)
        self.assertEqual(7, lineage["seed"])
        self.assertEqual(["fingerprint", "--json", "--seed", "7"], lineage["argv"])
        self.assertEqual("f" * 64, pipeline_run.fingerprint_from_cli(["--seed", "7"], cli=cli)["fingerprint"])

    @unittest.skipIf(os.name == "nt", "a #! script stands in for the CLI")
    def test_a_failing_cli_raises_with_its_error(self):
        cli = self.fake_cli('print("error PIPE2003 : lineage is missing seed", file=sys.stderr); sys.exit(2)')
        with self.assertRaisesRegex(PipelineRunError, "exited 2: error PIPE2003 : lineage is missing seed"):
            pipeline_run.lineage_from_cli(cli=cli)

    def test_a_missing_cli_says_how_to_install_it(self):
        with self.assertRaisesRegex(PipelineRunError, "dotnet tool install"):
            pipeline_run.lineage_from_cli(cli=os.path.join(self.dir.name, "no-such-pipeline"))

    def test_a_lineage_file_is_the_whole_fingerprint_output_or_the_lineage_alone(self):
        whole = os.path.join(self.dir.name, "whole.json")
        alone = os.path.join(self.dir.name, "alone.json")
        with open(whole, "w", encoding="utf-8") as handle:
            json.dump({"fingerprint": "f" * 64, "lineage": {"seed": 1}}, handle)
        with open(alone, "w", encoding="utf-8") as handle:
            json.dump({"seed": 1}, handle)
        self.assertEqual({"seed": 1}, pipeline_run.lineage_from_file(whole))
        self.assertEqual({"seed": 1}, pipeline_run.lineage_from_file(alone))
        with open(alone, "w", encoding="utf-8") as handle:
            json.dump([1], handle)
        with self.assertRaisesRegex(PipelineRunError, "JSON object"):
            pipeline_run.lineage_from_file(alone)


class CallbackTests(unittest.TestCase):
    """The transformers TrainerCallback method shapes, driven the way Trainer drives them."""

    def setUp(self):
        self.dir = tempfile.TemporaryDirectory()
        self.path = os.path.join(self.dir.name, "run.jsonl")
        self.args = types.SimpleNamespace(output_dir=os.path.join(self.dir.name, "out"),
                                          to_dict=lambda: {"learning_rate": 2e-5, "seed": 42, "report_to": ["none"]})
        self.control = object()

    def tearDown(self):
        self.dir.cleanup()

    def test_a_training_loop_becomes_a_run(self):
        callback = PipelineCallback(self.path, name="hf", method="sft")
        state = types.SimpleNamespace(global_step=0)
        self.assertIs(self.control, callback.on_train_begin(self.args, state, self.control))
        for step in (10, 20):
            state.global_step = step
            callback.on_log(self.args, state, self.control, logs={"loss": 1.0 / step, "epoch": step / 20})
        callback.on_evaluate(self.args, state, self.control, metrics={"eval_loss": 0.4, "eval_runtime": 1.5})
        os.makedirs(os.path.join(self.args.output_dir, "checkpoint-20"))
        callback.on_save(self.args, state, self.control)
        callback.on_train_end(self.args, state, self.control)

        lines = strict_lines(self.path)
        self.assertIn({"params": {"learning_rate": 2e-5, "seed": 42}}, lines)  # lists are not params here
        points = [line for line in lines if "step" in line]
        self.assertEqual([10, 20, 20], [p["step"] for p in points])
        self.assertEqual(0.05, points[1]["loss"])
        self.assertEqual(0.4, points[2]["eval_loss"])
        self.assertIn({"artifacts": ["out/checkpoint-20"]}, lines)
        self.assertEqual("finished", lines[-1]["status"])

    def test_a_checkpoint_deleted_by_save_total_limit_is_not_recorded(self):
        callback = PipelineCallback(self.path)
        state = types.SimpleNamespace(global_step=5)
        callback.on_save(self.args, state, self.control)
        callback.on_train_end(self.args, state, self.control)
        self.assertFalse(any("artifacts" in line for line in strict_lines(self.path)))

    def test_it_subclasses_TrainerCallback_when_transformers_is_installed(self):
        stand_in = types.ModuleType("transformers")
        stand_in.TrainerCallback = type("TrainerCallback", (), {})
        saved = sys.modules.get("transformers")
        sys.modules["transformers"] = stand_in
        try:  # a fresh copy of the module, so the one the other tests use keeps its classes
            spec = importlib.util.spec_from_file_location("pipeline_run_copy", pipeline_run.__file__)
            copy = importlib.util.module_from_spec(spec)
            spec.loader.exec_module(copy)
        finally:
            if saved is None:
                del sys.modules["transformers"]
            else:
                sys.modules["transformers"] = saved
        self.assertTrue(issubclass(copy.PipelineCallback, stand_in.TrainerCallback))
        callback = copy.PipelineCallback(self.path)
        callback.on_log(self.args, types.SimpleNamespace(global_step=1), self.control, logs={"loss": 0.5})
        callback.on_train_end(self.args, types.SimpleNamespace(global_step=1), self.control)
        self.assertEqual(0.5, strict_lines(self.path)[1]["loss"])

    def test_without_transformers_it_is_a_plain_class(self):
        if "transformers" in sys.modules or importlib.util.find_spec("transformers") is not None:
            self.skipTest("transformers is installed here")
        self.assertEqual((object,), pipeline_run.PipelineCallback.__bases__)


if __name__ == "__main__":
    unittest.main()
