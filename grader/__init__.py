"""cnn-grader: grades CNN homework notebooks outside the student's kernel."""

__version__ = "0.1.0"
