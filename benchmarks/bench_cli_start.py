"""Benchmark 2: command-line start.

* ``pm-quiz --version`` against a no-op console script installed the same way: pip's
  launcher for ``pm-quiz`` with its ``from pm_quiz.__main__ import main`` replaced by a function
  that does nothing (so both pay for the launcher's own ``import re``): goal <= 1.1x;
* ``pm-quiz validate`` of the default bank against a bare ``python -c`` that imports yaml
  and parses the same file with libyaml: goal <= 1.5x.

Two more rows, without a goal, show what the records alone cost before ``validate`` does
anything: the same bare parse after importing ``typing`` and ``dataclasses`` (what any
module of frozen, slotted dataclass records imports), and after importing
``pm_quiz.bank.model`` (those imports plus creating the bank's record classes).

Whole processes, run in alternation; the medians are compared.
Run: ``python benchmarks/bench_cli_start.py [--pairs N]``.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from collections.abc import Callable

from common import PYTHON, alternate, median, pm_quiz, report, timed_run


def noop_launcher(tool: str, directory: str) -> str:
    """A copy of pip's console-script launcher of ``tool`` whose entry point does nothing."""
    with open(tool, encoding="utf-8") as handle:
        text = handle.read()
    assert "from pm_quiz.__main__ import main" in text, "not a pip launcher"
    path = os.path.join(directory, "noop-script")
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(text.replace("from pm_quiz.__main__ import main", "def main(): return 0"))
    os.chmod(path, 0o755)
    return path


def python(code: str, env: dict[str, str]) -> Callable[[], float]:
    """A timed run of ``python -c code``."""
    return lambda: timed_run([PYTHON, "-c", code], env)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=int, default=40)
    args = parser.parse_args()

    from pm_quiz.bank.locate import default_bank_path

    bank = str(default_bank_path())
    env = {k: v for k, v in os.environ.items() if not k.startswith("PM_QUIZ_")}
    cwd = tempfile.mkdtemp()  # no ./questions.yaml: the default bank is found
    os.chdir(cwd)
    tool = pm_quiz()

    noop = noop_launcher(tool, cwd)
    version, bare = alternate(lambda: timed_run([tool, "--version"], env),
                              lambda: timed_run([noop, "--version"], env), args.pairs)
    parse = (f"import yaml; yaml.load(open({bank!r}, 'rb'), "
             "Loader=getattr(yaml, 'CSafeLoader', yaml.SafeLoader))")
    validate, floor = alternate(lambda: timed_run([tool, "validate", bank], env),
                                python(parse, env), args.pairs)
    imports, floor_2 = alternate(python("import typing, dataclasses; " + parse, env),
                                 python(parse, env), args.pairs)
    records, floor_3 = alternate(python("import pm_quiz.bank.model; " + parse, env),
                                 python(parse, env), args.pairs)
    ok = report(f"Command-line start (median of {args.pairs} runs each, milliseconds)", [
        ("pm-quiz --version / no-op script", median(version) * 1000, median(bare) * 1000,
         1.1),
        ("pm-quiz validate / yaml parse", median(validate) * 1000, median(floor) * 1000, 1.5),
        ("  typing, dataclasses + parse", median(imports) * 1000, median(floor_2) * 1000,
         None),
        ("  the bank's records + parse", median(records) * 1000, median(floor_3) * 1000,
         None),
    ])
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
