"""Harbor's custom actions (rasa_sdk). Thin adapters: the logic lives in bot/."""
