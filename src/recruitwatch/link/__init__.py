"""Linking: template clusters (MinHash/LSH over masked shingles) and recruiter networks
(shared contacts and templates). Pure functions over plain data."""

from recruitwatch.link.networks import LinkInput, Links, LinkSettings, link
from recruitwatch.link.summary import NetworkSummary, cluster_templates, summarise

__all__ = [
    "LinkInput",
    "LinkSettings",
    "Links",
    "NetworkSummary",
    "cluster_templates",
    "link",
    "summarise",
]
