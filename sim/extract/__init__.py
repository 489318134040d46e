"""Draft specs from plan documents (`sim extract`)."""
