"""Report layer: report data, every user-facing sentence (zh and en), renderers."""
