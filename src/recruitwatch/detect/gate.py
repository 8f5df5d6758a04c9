"""A cheap first pass: which indicators could fire on a text at all.

Every pattern needs some literal text to match ("الجنسيه", "visa", "контракт"). We work
out, from the compiled pattern itself, a set of literals one of which must appear, and find
all of them in one Aho-Corasick pass. Only indicators whose literals occur run their
(much slower) regular expressions, so the result is the same, only faster.
"""

from __future__ import annotations

import itertools
import re._constants as C
import re._parser as sre_parse
from collections.abc import Iterable
from typing import Any

import ahocorasick

Factor = frozenset[str] | None  # None: no literal is known to be required
MAX_ALTERNATIVES = 64


def _better(a: Factor, b: Factor) -> Factor:
    """The more selective of two required-literal sets (longer shortest literal wins)."""
    if a is None:
        return b
    if b is None:
        return a
    return a if (min(map(len, a)), -len(a)) >= (min(map(len, b)), -len(b)) else b


def _charset(av: Any) -> frozenset[str] | None:
    chars = [chr(v) for op, v in av if op is C.LITERAL]
    if len(chars) != len(av) or len(chars) > 4:
        return None
    return frozenset(chars)


def sequence_factor(items: Iterable[tuple[Any, Any]]) -> Factor:
    best: Factor = None
    run: list[frozenset[str]] = []  # consecutive fixed characters (or tiny char sets)

    def close_run() -> None:
        nonlocal best, run
        if run:
            combos = 1
            for options in run:
                combos *= len(options)
            if combos <= MAX_ALTERNATIVES:
                best = _better(best, frozenset("".join(p) for p in itertools.product(*run)))
        run = []

    for op, av in items:
        if op is C.LITERAL:
            run.append(frozenset(chr(av)))
            continue
        if op is C.IN and (chars := _charset(av)) is not None:
            run.append(chars)
            continue
        if op in (C.AT, C.ASSERT, C.ASSERT_NOT):
            close_run()  # zero-width: breaks a run, requires nothing
            continue
        close_run()
        best = _better(best, item_factor(op, av))
    close_run()
    return best


def item_factor(op: Any, av: Any) -> Factor:
    if op is C.SUBPATTERN:
        return sequence_factor(av[-1])
    if op is C.BRANCH:
        union: set[str] = set()
        for branch in av[1]:
            factor = sequence_factor(branch)
            if factor is None:
                return None
            union |= factor
        return frozenset(union) if len(union) <= MAX_ALTERNATIVES else None
    if op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT) and av[0] >= 1:
        return sequence_factor(av[2])
    return None


def required_literals(pattern: str) -> Factor:
    """Literals one of which every match of `pattern` contains, or None if unknown."""
    return sequence_factor(sre_parse.parse(pattern))


def build_gate(patterns_by_indicator: list[list[str]]) -> tuple[Any, frozenset[int]]:
    """(automaton mapping literal -> indicator indexes, indexes that must always run)."""
    automaton = ahocorasick.Automaton()
    always: set[int] = set()
    owners: dict[str, set[int]] = {}
    for index, patterns in enumerate(patterns_by_indicator):
        for pattern in patterns:
            literals = required_literals(pattern)
            if literals is None:
                always.add(index)
                break
            for literal in literals:
                owners.setdefault(literal, set()).add(index)
    for literal, indexes in owners.items():
        automaton.add_word(literal, frozenset(indexes))
    if owners:
        automaton.make_automaton()
    return automaton, frozenset(always)


def candidates(automaton: Any, always: frozenset[int], text: str) -> set[int]:
    """Indexes of the indicators that may fire on `text`."""
    found = set(always)
    if len(automaton):
        for _, indexes in automaton.iter(text):
            found |= indexes
    return found
