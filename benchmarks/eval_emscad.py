"""Template clusters on EMSCAD (real job ads with repeated postings): purity and coverage.

    .venv/bin/python benchmarks/eval_emscad.py [PATH]   (default: ../shared/data/emscad/...)

EMSCAD keeps anonymised contact tokens (#URL_<sha>#, #EMAIL_<sha>#, #PHONE_<sha>#); they are
used as identifiers. Purity: the share of clustered ads that carry their cluster's majority
label (fraudulent or not), weighted by cluster size. Coverage: the share of ads in a cluster.
Also reported: the share of clustered ads whose cluster agrees on the employer profile.
"""

from __future__ import annotations

import csv
import re
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

from recruitwatch.link import LinkInput, link
from recruitwatch.model import Entity

DEFAULT = (
    Path(__file__).parents[1] / ".." / "shared" / "data" / "emscad" / "emscad_real_assembled.csv"
)
TOKEN = re.compile(r"#(URL|EMAIL|PHONE)_([0-9a-f]+)#")
KINDS = {"URL": "url", "EMAIL": "email", "PHONE": "phone"}
FIELDS = ("title", "company_profile", "description", "requirements", "benefits")


def load(path: Path) -> tuple[list[LinkInput], list[str], list[str]]:
    csv.field_size_limit(sys.maxsize)
    docs, labels, employers = [], [], []
    with path.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            text = "\n".join(row[f] for f in FIELDS if row.get(f))
            entities = tuple(
                Entity(KINDS[m.group(1)], f"emscad:{m.group(2)}", m.group(), m.start(), m.end())  # type: ignore[arg-type]
                for m in TOKEN.finditer(text)
            )
            docs.append(LinkInput(row["job_id"] or str(len(docs)), text, "offer", "high", entities))
            labels.append(row["fraudulent"])
            employers.append(row["company_profile"][:200])
    return docs, labels, employers


def purity(keys: list[str | None], labels: list[str]) -> tuple[float, float, int]:
    groups: dict[str, list[str]] = defaultdict(list)
    for key, label in zip(keys, labels, strict=True):
        if key:
            groups[key].append(label)
    clustered = sum(len(v) for v in groups.values())
    majority = sum(Counter(v).most_common(1)[0][1] for v in groups.values())
    return (majority / clustered if clustered else 1.0), clustered / len(keys), len(groups)


def main() -> None:
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT
    if not path.exists():
        print(f"EMSCAD not found at {path}: skipped (it lives in shared/data, not in the repo)")
        return
    docs, labels, employers = load(path)
    start = time.perf_counter()
    links = link(docs)
    seconds = time.perf_counter() - start
    label_purity, coverage, clusters = purity(links.clusters, labels)
    employer_purity, _, _ = purity(links.clusters, employers)
    print(f"EMSCAD {path.name}: {len(docs):,} ads, linked in {seconds:.2f} s")
    print(
        f"template clusters: {clusters:,}; coverage {coverage:.1%}; "
        f"label purity {label_purity:.1%}; employer purity {employer_purity:.1%}"
    )
    net_purity, net_coverage, networks = purity(links.networks, labels)
    print(f"networks: {networks:,}; coverage {net_coverage:.1%}; label purity {net_purity:.1%}")


if __name__ == "__main__":
    main()
