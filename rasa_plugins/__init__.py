"""Harbor's extensions loaded by the Rasa server itself (tracker store, NLU components)."""
