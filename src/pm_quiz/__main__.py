"""The ``pm-quiz`` command (its console script) and ``python -m pm_quiz``.

:func:`main` answers ``pm-quiz --version`` from the package's version alone and hands
everything else to :mod:`pm_quiz.cli`, whose parser knows ``--version`` too.
"""

import sys

from pm_quiz import __version__


def main() -> int:
    if sys.argv[1:] == ["--version"]:
        print(f"pm-quiz {__version__}")  # no argparse, no catalogue: nothing to load
        return 0
    from pm_quiz.cli import main as run

    return run()


if __name__ == "__main__":
    sys.exit(main())
