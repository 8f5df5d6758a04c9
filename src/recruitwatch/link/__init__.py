"""Linking: template clusters (MinHash/LSH over masked shingles) and recruiter networks
(shared contacts and templates). Pure functions over plain data."""

from recruitwatch.link.networks import LinkInput, Links, LinkSettings, link

__all__ = ["LinkInput", "LinkSettings", "Links", "link"]
