"""Similarity stage: similar submissions across a class, for the course staff (similarity.json,
similarity.html). tokens -> fingerprint (copydetect's winnowing) + evidence -> compare -> page;
run.py drives it for a batch, command.py is the `grade similar` verb."""
