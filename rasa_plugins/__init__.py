"""Harbor's extensions loaded by the Rasa server itself (tracker store, NLU components).

Importing this package installs the paused-turn hook (see paused_turns.py), the
two cached hot spots of Rasa (speedups.py), the turn thread (turn_thread.py) and the
NLU fast path for fixed keywords (fast_path.py); both the tracker store
(endpoints.yml) and the crisis override (config.yml) import it, so they are active in
`rasa run`, `rasa shell` and `rasa test` alike.
"""
from rasa_plugins import fast_path, paused_turns, speedups, turn_thread

paused_turns.install()
speedups.install()
turn_thread.install()
fast_path.install()
