"""Roles and permissions, from resources/access/roles.yaml."""

from __future__ import annotations

from functools import cache
from importlib import resources

import yaml

from recruitwatch.errors import ConfigError


@cache
def _table() -> tuple[dict[str, frozenset[str]], dict[str, dict[str, str]]]:
    text = (resources.files("recruitwatch") / "resources" / "access" / "roles.yaml").read_text(
        encoding="utf-8"
    )
    data = yaml.safe_load(text)
    roles: dict[str, dict[str, str]] = data["roles"]
    permissions = {name: frozenset(allowed) for name, allowed in data["permissions"].items()}
    for name, allowed in permissions.items():
        if unknown := allowed - set(roles):
            raise ConfigError(
                f"roles.yaml: permission {name} names unknown roles {sorted(unknown)}"
            )
    return permissions, roles


def roles() -> tuple[str, ...]:
    return tuple(_table()[1])


def role_label(role: str, lang: str) -> str:
    return _table()[1].get(role, {}).get(lang, role)


def permissions() -> tuple[str, ...]:
    return tuple(_table()[0])


def allowed(role: str, permission: str) -> bool:
    try:
        return role in _table()[0][permission]
    except KeyError:
        raise ConfigError(f"unknown permission {permission!r}") from None
