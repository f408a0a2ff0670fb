"""The question bank: its format, the loader that checks it, and the model it becomes."""
