"""``python -m pm_quiz`` runs the command line."""

import sys

from pm_quiz.cli import main

sys.exit(main())
