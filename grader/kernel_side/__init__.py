"""Code that runs inside the student's kernel. The grader never imports it: it sends its text."""
