"""Advocates: accounts, the handoff queue, audit log and console services."""
