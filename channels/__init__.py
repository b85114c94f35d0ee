"""Harbor's Rasa input channels: thin adapters that pseudonymise and pass messages on."""
