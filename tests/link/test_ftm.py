"""FollowTheMoney export: every entity valid, every reference resolvable."""

from __future__ import annotations

from importlib import resources

from followthemoney import model

from recruitwatch.ingest import read_inputs
from recruitwatch.link import link
from recruitwatch.link.ftm import network_entities
from recruitwatch.pipeline import link_input, scan

CORPUS = resources.files("recruitwatch") / "resources" / "demo" / "corpus.jsonl"
DOCS = [link_input(s) for s in scan(read_inputs([str(CORPUS)]))]


def test_every_network_exports_valid_entities() -> None:
    links = link(DOCS)
    for nid in {n for n in links.networks if n}:
        entities = list(network_entities(nid, DOCS, links))
        ids = {e["id"] for e in entities}
        schemata = {e["schema"] for e in entities}
        assert {"Organization", "PlainText", "UnknownLink"} <= schemata
        for entity in entities:
            schema = model.get(entity["schema"])
            assert schema is not None and schema.validate(entity) is None, entity
            proxy = model.get_proxy(entity)
            for prop in proxy.schema.properties.values():
                if prop.type.name == "entity":
                    assert set(proxy.get(prop)) <= ids, (entity["schema"], prop.name)
        phones = [
            p
            for e in entities
            if e["schema"] == "Organization"
            for p in e["properties"].get("phone", [])
        ]
        assert phones and all(p.startswith("+") for p in phones)


def test_handles_are_user_accounts_owned_by_the_network() -> None:
    links = link(DOCS)
    nid = next(n for n in links.networks if n)
    entities = list(network_entities(nid, DOCS, links))
    org_id = entities[0]["id"]
    accounts = [e for e in entities if e["schema"] == "UserAccount"]
    assert accounts and all(e["properties"]["owner"] == [org_id] for e in accounts)
