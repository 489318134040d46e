"""Analysis layer: statuses, presets, consistency, probability, solve, verify, backtest (data only, no text)."""
