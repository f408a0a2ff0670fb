"""pm-quiz: would product management suit you?

Kept free of imports: ``pm-quiz --version`` reads only this file and ``__main__.py``.
"""

__version__ = "0.1.0"
