"""pm-quiz: would product management suit you?

Kept free of imports on purpose: ``pm-quiz --version`` reads only this file.
"""

__version__ = "0.1.0"
