"""Persistence: the SQLite store of attempts and results, and the keeper that ties a quiz
session to it so that nothing answered is ever lost."""
