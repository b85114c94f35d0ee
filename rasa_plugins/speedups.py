"""Two hot spots of Rasa 3.6 found with py-spy under load, replaced by equivalents that cache.

1. ``RemoteAction._validate_action_result`` calls ``jsonschema.validate``, which re-checks
   the constant response schema against its meta-schema and builds a new validator on
   every custom action: 31% of the Rasa server's CPU at 10 concurrent conversations.
   Here: one compiled validator; same schema, same errors (``best_match``, message suffix).
2. ``Event.resolve_by_type`` walks every subclass of ``Event`` for every stored event
   each time a tracker is read back from the SQL store (~7%). Here: a name -> class table,
   rebuilt when a name is missing (a subclass defined later), first match kept as before.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Any, Dict, Text

from rasa.core.actions.action import RemoteAction
from rasa.shared.constants import DOCS_BASE_URL
from rasa.shared.core import events as rasa_events
from rasa.shared.utils.common import all_subclasses

_original = RemoteAction._validate_action_result


@lru_cache(maxsize=1)
def _validator() -> Any:
    from jsonschema.validators import validator_for

    schema = RemoteAction.action_response_format_spec()
    cls = validator_for(schema)
    cls.check_schema(schema)
    return cls(schema)


def _validate_action_result(self: RemoteAction, result: Dict[Text, Any]) -> bool:
    from jsonschema.exceptions import best_match

    error = best_match(_validator().iter_errors(result))
    if error is not None:
        error.message += (
            ". Failed to validate Action server response from API, make sure your response from the "
            f"Action endpoint is valid. For more information about the format visit {DOCS_BASE_URL}/custom-actions"
        )
        raise error
    return True


_original_resolve = rasa_events.Event.resolve_by_type
_event_types: dict[str, type] = {}


def _refresh_event_types() -> None:
    table: dict[str, type] = {}
    for cls in all_subclasses(rasa_events.Event):
        table.setdefault(cls.type_name, cls)
    _event_types.clear()
    _event_types.update(table)


def resolve_by_type(type_name: Text, default: Any = None) -> Any:
    cls = _event_types.get(type_name)
    if cls is None:
        _refresh_event_types()
        cls = _event_types.get(type_name)
    if cls is not None:
        return cls
    return _original_resolve(type_name, default)  # "topic", the default, or Rasa's own error


def install() -> None:
    RemoteAction._validate_action_result = _validate_action_result  # type: ignore[method-assign]
    rasa_events.Event.resolve_by_type = staticmethod(resolve_by_type)  # type: ignore[assignment]
