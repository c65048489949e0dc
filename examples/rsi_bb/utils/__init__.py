"""Signal generation and risk management helpers."""
