"""Harbor's extensions loaded by the Rasa server itself (tracker store, NLU components).

Importing this package installs the paused-turn hook (see paused_turns.py); both the
tracker store (endpoints.yml) and the crisis override (config.yml) import it, so it is
active in `rasa run`, `rasa shell` and `rasa test` alike.
"""
from rasa_plugins import paused_turns

paused_turns.install()
