"""Harbor's extensions loaded by the Rasa server itself (tracker store, NLU components).

Importing this package installs the paused-turn hook (see paused_turns.py) and the
two cached hot spots of Rasa (speedups.py); both the tracker store
(endpoints.yml) and the crisis override (config.yml) import it, so they are active in
`rasa run`, `rasa shell` and `rasa test` alike.
"""
from rasa_plugins import paused_turns, speedups

paused_turns.install()
speedups.install()
