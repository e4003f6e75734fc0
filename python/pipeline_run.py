"""pipeline_run.py: record a training run in Pipeline's JSONL run format, from Python, with the standard library alone.

Vendor this one file next to your training script (it ships in the repository under python/ and inside the
`pipeline` dotnet tool package under content/python/). Then `pipeline runs ingest runs/sft.jsonl` turns the file
into a run record in registry/runs/, exactly as if the run had been logged through the .NET RunLogger.

    from pipeline_run import Run, lineage_from_cli

    lineage = lineage_from_cli()                      # `pipeline fingerprint --json`: the CLI computes the lineage
    with Run("runs/sft.jsonl", name="sft-lr2e-5", experiment="sft", method="sft",
             params={"lr": 2e-5, "lora_r": 16}, lineage=lineage) as run:
        for step in range(100):
            run.log_metrics({"loss": loss}, step=step)
        run.log_artifact("out/adapter")
        run.log_eval("mmlu", "mmlu@abcd", {"mmlu": 0.61})

With Hugging Face transformers: `trainer.add_callback(PipelineCallback("runs/sft.jsonl", lineage=lineage))`.

Why the lineage comes from the CLI: the fingerprint hashes the training config typed as YAML 1.2 (as DVC reads
params.yaml). PyYAML reads YAML 1.1, where `lr: 2e-5` is the *string* "2e-5" and `packing: yes` is *true*, so a
lineage built in Python from yaml.safe_load differs from the one `pipeline verify` recomputes. Let the CLI compute
it (`lineage_from_cli`), or read the lineage file a CI step wrote (`lineage_from_file`).

Each call appends whole lines and flushes, so a killed trainer leaves a file that ingests as a "running" run with
every point logged before the kill. The format is documented in docs/tracking.md ("The JSONL format").
"""

import datetime
import json
import math
import os
import subprocess
import threading
import time

__all__ = ["Run", "PipelineCallback", "fingerprint_from_cli", "lineage_from_cli", "lineage_from_file", "PipelineRunError"]
__version__ = "1"


class PipelineRunError(Exception):
    """A call that would write a file `pipeline runs ingest` refuses (the message says why and what to do)."""


def fingerprint_from_cli(args=(), cli="pipeline", cwd=None):
    """`pipeline fingerprint --json` as a dict: {"fingerprint", "scheme", "lineage"}. The CLI applies pipeline.yaml's
    lineage defaults plus `args` (e.g. ["--seed", "7"]). `cli` is the executable, or a list such as
    ["dotnet", "pipeline.dll"]. Raises PipelineRunError with the CLI's own error (and its PIPE code) when it fails."""
    command = [*([cli] if isinstance(cli, str) else cli), "fingerprint", "--json", *args]
    try:
        done = subprocess.run(command, cwd=cwd, capture_output=True, text=True, encoding="utf-8", check=False)
    except FileNotFoundError as error:
        raise PipelineRunError(
            f"'{command[0]}' is not on PATH: install the CLI (dotnet tool install -g Pipeline.Cli, or a release "
            "executable) or pass cli='/path/to/pipeline'") from error
    if done.returncode != 0:
        raise PipelineRunError(f"{' '.join(command)} exited {done.returncode}: {done.stderr.strip()}")
    return json.loads(done.stdout)


def lineage_from_cli(args=(), cli="pipeline", cwd=None):
    """The lineage as `pipeline fingerprint --json` computes it (see fingerprint_from_cli)."""
    return fingerprint_from_cli(args, cli, cwd)["lineage"]


def lineage_from_file(path):
    """A lineage file a CI step wrote: `pipeline fingerprint --json > lineage.json` (the whole output or just its
    "lineage" object)."""
    with open(path, encoding="utf-8") as handle:
        document = json.load(handle)
    if not isinstance(document, dict):
        raise PipelineRunError(f"{path}: a lineage file holds a JSON object")
    lineage = document.get("lineage", document)
    if not isinstance(lineage, dict):
        raise PipelineRunError(f"{path}: 'lineage' must be a JSON object")
    return lineage


def _number(value):
    """A metric value as the format writes it: non-finite floats as the strings "NaN", "Infinity", "-Infinity"."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise TypeError
    value = float(value) if not isinstance(value, int) else value
    if isinstance(value, float) and not math.isfinite(value):
        return "NaN" if math.isnan(value) else ("Infinity" if value > 0 else "-Infinity")
    return value


def _json(value):
    # allow_nan=False: a NaN hidden in params or scores is refused here, not written as invalid JSON.
    return json.dumps(value, ensure_ascii=False, allow_nan=False, separators=(", ", ": "))


class Run:
    """One training run written as JSONL to `path` (appended to when it exists, e.g. a resumed run).

    Header lines (params, tags, lineage, artifacts, evals, status) and point lines ({"step", "time", key: value})
    are written as they happen. Thread-safe. Use as a context manager: an exception marks the run "failed".
    """

    def __init__(self, path, name=None, experiment=None, method=None, params=None, tags=None, lineage=None):
        self.path = os.path.abspath(path)
        os.makedirs(os.path.dirname(self.path), exist_ok=True)
        self._lock = threading.Lock()
        self._params = {}
        self._finished = False
        self._file = open(self.path, "a", encoding="utf-8", newline="\n")
        header = {"status": "running", "start": _now()}
        for key, value in (("name", name), ("experiment", experiment), ("method", method)):
            if value is not None:
                header[key] = str(value)
        self._write(header)
        if params:
            self.log_params(params)
        for key, value in (tags or {}).items():
            self.set_tag(key, value)
        if lineage is not None:
            self.set_lineage(lineage)

    def log_params(self, params):
        """Params are write-once: the same key again must carry the same value (as `runs ingest` checks)."""
        params = dict(params)
        with self._lock:
            for key, value in params.items():
                if key in self._params and _json(self._params[key]) != _json(value):
                    raise PipelineRunError(f"param '{key}' already logged as {_json(self._params[key])}, now {_json(value)}")
            self._params.update(params)
        self._write({"params": params})

    def log_param(self, key, value):
        self.log_params({key: value})

    def set_tag(self, key, value):
        self._write({"tags": {str(key): str(value)}})

    def set_lineage(self, lineage):
        """The run's lineage (the five fields of lineage-v1); the ingested record gets its fingerprint."""
        if not isinstance(lineage, dict):
            raise PipelineRunError("lineage must be a dict (lineage_from_cli() or lineage_from_file() give one)")
        self._write({"lineage": lineage})

    def log_metric(self, key, value, step, wall_time=None):
        self.log_metrics({key: value}, step, wall_time)

    def log_metrics(self, metrics, step, wall_time=None):
        """One point line: every numeric value of `metrics` at `step`. Non-numbers (strings, None) are skipped."""
        if isinstance(step, bool) or not isinstance(step, int):
            raise PipelineRunError(f"step must be an integer, not {step!r}")
        line = {"step": step, "time": time.time() if wall_time is None else wall_time}
        for key, value in metrics.items():
            if key in ("step", "time", "s", "t", "k", "v"):
                raise PipelineRunError(f"metric key '{key}' is reserved by the JSONL format; rename it")
            try:
                line[str(key)] = _number(value)
            except TypeError:
                continue
        if len(line) > 2:
            self._write(line)

    def log_artifact(self, path_or_uri):
        """A local file or folder (hashed at ingest, relative to the JSONL file) or a URI such as s3://b/model."""
        reference = str(path_or_uri)
        if "://" not in reference:
            full = os.path.abspath(reference)
            if not os.path.exists(full):
                raise PipelineRunError(f"artifact '{reference}' does not exist (a URI such as s3://bucket/model is recorded as given)")
            relative = os.path.relpath(full, os.path.dirname(self.path))
            reference = full if relative.startswith("..") else relative.replace(os.sep, "/")
        self._write({"artifacts": [reference]})

    def log_eval(self, suite, suite_fingerprint, scores, evaluated=None):
        """An eval result: `scores` of suite `suite` (its fingerprint pins the questions), bound to what was
        evaluated: the model's lineage fingerprint (fingerprint_from_cli()["fingerprint"]), which the gate matches."""
        if evaluated is None:
            raise PipelineRunError("log_eval needs evaluated= (the model's lineage fingerprint, e.g. from `pipeline fingerprint`)")
        result = {"suite": {"name": suite, "fingerprint": suite_fingerprint}, "evaluated": evaluated,
                  "scores": {str(k): float(v) for k, v in scores.items()}}
        self._write({"evals": [result]})

    def finish(self, status="finished"):
        """Writes the final status ("finished", "failed" or "killed") and the end time. Later calls do nothing."""
        if status not in ("finished", "failed", "killed"):
            raise PipelineRunError(f"finish with finished, failed or killed, not {status!r}")
        with self._lock:
            if self._finished:
                return
        self._write({"status": status, "end": _now()})
        with self._lock:
            self._finished = True
            self._file.close()

    def __enter__(self):
        return self

    def __exit__(self, kind, error, trace):
        self.finish("finished" if kind is None else ("killed" if issubclass(kind, KeyboardInterrupt) else "failed"))
        return False

    def _write(self, obj):
        text = _json(obj) + "\n"
        with self._lock:
            if self._finished:
                raise PipelineRunError(f"run {self.path} is already finished")
            self._file.write(text)
            self._file.flush()


def _now():
    return datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")


try:  # The callback subclasses transformers.TrainerCallback when transformers is installed; it works without it.
    from transformers import TrainerCallback as _CallbackBase
except ImportError:  # pragma: no cover - depends on the environment
    _CallbackBase = object


class PipelineCallback(_CallbackBase):
    """A transformers TrainerCallback writing the run: `trainer.add_callback(PipelineCallback("runs/x.jsonl"))`.

    on_train_begin: params from TrainingArguments (when `params` is not given); on_log: the logged numbers at
    state.global_step; on_evaluate: the eval metrics likewise; on_save: remembers the checkpoint folder;
    on_train_end: records the last checkpoint (if it still exists) as an artifact and finishes the run.
    """

    def __init__(self, path, name=None, experiment=None, method=None, params=None, lineage=None, tags=None):
        self._run = None
        self._open = dict(path=path, name=name, experiment=experiment, method=method, params=params, lineage=lineage, tags=tags)
        self._checkpoint = None

    @property
    def run(self):
        if self._run is None:
            self._run = Run(**self._open)
        return self._run

    def on_train_begin(self, args, state, control, **kwargs):
        if self._open["params"] is None and args is not None and hasattr(args, "to_dict"):
            self._open["params"] = {k: v for k, v in args.to_dict().items() if isinstance(v, (int, float, str, bool))}
        _ = self.run  # opens the file: a run that dies before its first log is still recorded as running
        return control

    def on_log(self, args, state, control, logs=None, **kwargs):
        if logs:
            self.run.log_metrics(logs, step=int(state.global_step))
        return control

    def on_evaluate(self, args, state, control, metrics=None, **kwargs):
        if metrics:
            self.run.log_metrics(metrics, step=int(state.global_step))
        return control

    def on_save(self, args, state, control, **kwargs):
        self._checkpoint = os.path.join(args.output_dir, f"checkpoint-{int(state.global_step)}")
        return control

    def on_train_end(self, args, state, control, **kwargs):
        if self._checkpoint and os.path.exists(self._checkpoint):
            self.run.log_artifact(self._checkpoint)
        self.run.finish("finished")
        return control
