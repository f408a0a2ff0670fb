"""The full-screen front end. The only package of pm_quiz that imports Textual."""
