"""sim: indicator-target validation and scenario simulation for development plans."""
