"""FollowTheMoney entities for a recruiter network, for Aleph/OpenAleph.

The network is an Organization (FtM has no "network"); its handles are UserAccounts owned
by it; its offers are PlainText documents; each offer hangs on the network through an
UnknownLink; offers written from one template are Similar; agencies named in the offers are
Organizations. Phones are E.164 (parsed with the Iraqi hint, as FtM wants them) and the raw
spellings are kept in the notes.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from followthemoney import model
from followthemoney.proxy import EntityProxy

from recruitwatch.link.networks import LinkInput, Links, identifier

PREFIX = "rw"


def _entity(schema: str, *key: str) -> EntityProxy:
    proxy = model.make_entity(schema)
    proxy.make_id(PREFIX, schema, *key)
    return proxy


def network_entities(nid: str, docs: Sequence[LinkInput], links: Links) -> Iterator[dict[str, Any]]:
    """Every entity of network `nid`, as FtM dictionaries."""
    members = [d for d, n in zip(docs, links.networks, strict=True) if n == nid]
    clusters = {d.id: c for d, c in zip(docs, links.clusters, strict=True) if c}
    org = _entity("Organization", nid)
    org.add("name", f"recruitwatch network {nid}")
    org.add("description", f"Recruiter network linked by recruitwatch from {len(members)} offers")
    raw_phones: set[str] = set()
    handles: dict[str, EntityProxy] = {}
    for doc in members:
        for entity in doc.entities:
            key = identifier(entity)
            if key is None or key in links.public:
                continue
            if entity.type == "phone":
                org.add("phone", entity.value)
                raw_phones.add(entity.text)
            elif entity.type == "email":
                org.add("email", entity.value)
            elif entity.type == "handle" and key not in handles:
                platform, _, name = entity.value.partition(":")
                account = _entity("UserAccount", entity.value)
                account.add("username", name)
                account.add("service", platform)
                account.add("owner", org.id)
                if name.startswith("+"):
                    account.add("phone", name)
                handles[key] = account
    if raw_phones:
        org.add("notes", "phones as written: " + "; ".join(sorted(raw_phones)))
    yield org.to_dict()
    yield from (h.to_dict() for h in handles.values())
    yield from _offers(org, members, clusters)


def _offers(
    org: EntityProxy, members: list[LinkInput], clusters: dict[str, str]
) -> Iterator[dict[str, Any]]:
    first_of: dict[str, EntityProxy] = {}
    for doc in members:
        text = _entity("PlainText", doc.id)
        text.add("title", doc.id)
        text.add("bodyText", doc.text)
        text.add("date", doc.date, quiet=True)
        text.add("language", doc.language, quiet=True)
        text.add("phoneMentioned", [e.value for e in doc.entities if e.type == "phone"])
        yield text.to_dict()
        yield _unknown_link(org, text, "offer posted by the network")
        yield from _agencies(doc, text)
        cluster = clusters.get(doc.id)
        if cluster and cluster in first_of:
            similar = _entity("Similar", first_of[cluster].id or "", text.id or "")
            similar.add("candidate", first_of[cluster].id)
            similar.add("match", text.id)
            similar.add("criteria", f"same ad template ({cluster})")
            yield similar.to_dict()
        elif cluster:
            first_of[cluster] = text


def _agencies(doc: LinkInput, text: EntityProxy) -> Iterator[dict[str, Any]]:
    for entity in doc.entities:
        if entity.type != "organisation":
            continue
        agency = _entity("Organization", entity.value)
        agency.add("name", entity.text)
        yield agency.to_dict()
        yield _unknown_link(agency, text, "named in the offer")


def _unknown_link(subject: EntityProxy, obj: EntityProxy, role: str) -> dict[str, Any]:
    link = _entity("UnknownLink", subject.id or "", obj.id or "")
    link.add("subject", subject.id)
    link.add("object", obj.id)
    link.add("role", role)
    return link.to_dict()
