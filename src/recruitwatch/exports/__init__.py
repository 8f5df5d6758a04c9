"""Case data for partners: HTCDS 2.0-shaped CSV and PFIF 1.4 XML (pure; the store reads)."""
