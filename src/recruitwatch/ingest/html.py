"""HTML pages reduced to their main text: boilerplate dropped, blocks as lines."""

from __future__ import annotations

import re
from typing import Any

import lxml.etree
import lxml.html

DROP = (
    "script",
    "style",
    "noscript",
    "nav",
    "header",
    "footer",
    "aside",
    "form",
    "iframe",
    "template",
    "svg",
    "button",
    "select",
)
BLOCKS = {
    "p",
    "div",
    "br",
    "li",
    "tr",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "section",
    "article",
    "main",
    "blockquote",
    "pre",
    "td",
    "th",
    "dd",
    "dt",
    "ul",
    "ol",
    "table",
}
_BLANKS = re.compile(r"\n\s*\n\s*(\n\s*)+")
_SPACES = re.compile(r"[ \t\r\f\v]+")


def html_to_text(markup: str) -> tuple[str | None, str]:
    """(title, main text) of an HTML page; prefers <main> or <article> when present."""
    if not markup.strip():
        return None, ""
    try:
        root: Any = lxml.html.document_fromstring(markup)  # lxml's stubs are too loose here
    except (lxml.etree.ParserError, ValueError):
        return None, ""
    title_node = root.find(".//title")
    title = title_node.text_content().strip() if title_node is not None else None
    for bad in root.xpath("|".join(f"//{tag}" for tag in DROP)):
        bad.drop_tree()
    mains = root.xpath("//main|//article|//*[@role='main']")
    body = mains[0] if mains else root.find("body")
    text = _flatten(body if body is not None else root)
    return title or None, text


def _flatten(node: Any) -> str:
    parts: list[str] = []
    for event, element in lxml.etree.iterwalk(node, events=("start", "end")):
        tag = element.tag if isinstance(element.tag, str) else ""
        if event == "start":
            if tag in BLOCKS:
                parts.append("\n")
            if tag and element.text:
                parts.append(element.text)
        else:
            if tag in BLOCKS:
                parts.append("\n")
            if element is not node and element.tail:
                parts.append(element.tail)
    lines = [_SPACES.sub(" ", line).strip() for line in "".join(parts).split("\n")]
    return _BLANKS.sub("\n\n", "\n".join(lines)).strip()
