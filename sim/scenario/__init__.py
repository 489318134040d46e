"""Scenarios: assumptions applied to a plan, and the deterministic paths they give."""
