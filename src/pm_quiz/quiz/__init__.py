"""The quiz itself, with no I/O: the scoring rule, the session state machine, answers files,
and bank-wide analysis for ``pm-quiz check``."""
