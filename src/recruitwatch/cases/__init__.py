"""Case registry helpers: cross-script name keys and duplicate-person matching."""
