"""Plan specs: models, YAML loading with located errors, target phrases, units, numerals, relations."""
