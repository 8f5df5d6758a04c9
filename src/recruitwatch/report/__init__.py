"""Reports: pictures and pages people read."""
