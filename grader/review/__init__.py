"""Review stage: TA decisions (`grade review`) over an output folder's gradebook.

apply.py puts kept decisions onto the automatic results (used by every `grade` run);
server.py and handlers.py are the staff's local web application (tornado), loaded only by
`grade review`.
"""
