"""`ember bench`: the comparison articles' table (TTFT, tokens/s, full-response time, VRAM,
coding pass rate, JSON validity, long-document answers) measured on this machine.

Qt-free. The window's Bench page and the CLI share this API:

    from desktop.core.bench import BenchConfig, BenchRunner
    runner = BenchRunner(["embedded"], BenchConfig.quick_config(), progress=callback)
    result = runner.run()            # on a worker thread; runner.cancel() from any thread
    print(result.markdown())         # the table; result.to_json() / result.save(bench_dir())

progress(stage, done, total, message): stage is model | load | speed | coding | json |
long_doc | humaneval | native | done. HumanEval (`ember bench --suite humaneval`) lives in
humaneval.py: BenchConfig(humaneval=True, humaneval_limit=N, ...) runs it.
"""
from .machine import describe_machine
from .native import NativeResult, find_binary, run_llama_bench
from .results import BenchResult, ModelRun, bench_dir, compare_table, history, history_table
from .runner import BenchConfig, BenchRunner, model_label
from .sandbox import SandboxLimits, SandboxResult, isolation, run_solution
from .schema import parse_answer, validate
from .tasks import CodingTask, JsonTask, coding_tasks, extract_code, json_tasks

__all__ = ["BenchConfig", "BenchResult", "BenchRunner", "CodingTask", "JsonTask", "ModelRun",
           "NativeResult", "SandboxLimits", "SandboxResult", "bench_dir", "coding_tasks",
           "compare_table", "describe_machine", "extract_code", "find_binary", "history",
           "history_table", "isolation", "json_tasks", "model_label", "parse_answer",
           "run_llama_bench", "run_solution",
           "validate"]
