"""The indicator reference page, generated from the catalogue so it never drifts."""

from __future__ import annotations

from recruitwatch.detect.catalogue import Catalogue, load_catalogue


def render_catalogue_markdown(catalogue: Catalogue) -> str:
    lines = [
        "# Indicators",
        "",
        "Generated from `src/recruitwatch/resources/indicators/` by `make indicators-doc`;",
        "do not edit by hand. Scores combine the weights as a noisy-or.",
        "",
        "| id | weight | en | ar | languages |",
        "| --- | --- | --- | --- | --- |",
    ]
    for ind in catalogue.indicators:
        langs = ", ".join(ind.languages) or ind.check or ""
        lines.append(
            f"| `{ind.id}` | {ind.weight:.2f} | {ind.description['en']} | "
            f"{ind.description['ar']} | {langs} |"
        )
    lines.append("")
    for ind in catalogue.indicators:
        lines += [f"## `{ind.id}`: {ind.title['en']} / {ind.title['ar']}", ""]
        if ind.requires:
            lines.append(f"Requires in the same text: {', '.join(ind.requires)}.")
        if ind.check:
            lines.append(f"Computed check: `{ind.check}`.")
        if ind.note:
            lines.append(f"Reason shown: {ind.note}")
        lines += ["", "Fires on:", ""]
        lines += [f"- {text}" for text in ind.examples["positive"]]
        lines += ["", "Does not fire on:", ""]
        lines += [f"- {text}" for text in ind.examples["negative"]]
        lines.append("")
    return "\n".join(lines)


if __name__ == "__main__":
    print(render_catalogue_markdown(load_catalogue()), end="")
