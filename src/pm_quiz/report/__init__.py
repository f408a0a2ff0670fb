"""The result as data (JSON), as a Rich renderable, and as Markdown.

:func:`~pm_quiz.report.data.result_data` turns a scored result into one JSON-ready dict;
every other form renders that dict, so a stored result can be shown again exactly.
"""
