import pytest

from recruitwatch.errors import ConfigError
from recruitwatch.extract.gazetteer import (
    COLUMNS,
    ISO_3166_2,
    REQUIRED_NAMES,
    load_ambiguities,
    load_places,
    parse_places,
)
from recruitwatch.text.normalize import normalize_text

HEADER = ",".join(COLUMNS)


def test_every_place_has_the_required_names_and_a_valid_code() -> None:
    places = load_places()
    assert len(places) > 100
    for place in places:
        assert all(place.names[col] for col in REQUIRED_NAMES), place.code
        if place.kind == "country":
            assert place.code == place.country
        elif ":" not in place.code:
            assert place.code in ISO_3166_2[place.country], place.code
        else:
            assert place.code.startswith(place.country + ":"), place.code


def test_all_iraqi_provinces_have_their_iso_codes() -> None:
    codes = {p.code for p in load_places() if p.country == "IQ" and p.kind != "city"}
    assert ISO_3166_2["IQ"] <= codes
    assert "IQ:halabja" in codes  # the nineteenth province has no ISO code yet


def test_kurdistan_provinces_belong_to_the_region() -> None:
    parents = {p.code: p.parent for p in load_places()}
    assert {parents[c] for c in ("IQ-AR", "IQ-SU", "IQ-DA", "IQ:halabja")} == {"IQ-KR"}


def test_countries_that_matter_are_there() -> None:
    codes = {p.code for p in load_places() if p.kind == "country"}
    wanted = [
        "IQ",
        "RU",
        "BY",
        "UA",
        "SY",
        "IR",
        "TR",
        "AE",
        "LB",
        "JO",
        "EG",
        "NP",
        "IN",
        "LK",
        "CU",
        "DE",
        "PL",
    ]
    assert set(wanted) <= codes


def test_every_ambiguous_name_is_in_a_gazetteer() -> None:
    names = {normalize_text(n) for p in load_places() for ns in p.names.values() for n in ns}
    for name in load_ambiguities():
        assert normalize_text(name) in names, name


@pytest.mark.parametrize(
    ("row", "problem"),
    [
        ("IQ-XX,province,IQ,,,Nowhere,مكان,,Нигде", "neither a known ISO"),
        ("IQ-BG,town,IQ,,,Baghdad,بغداد,,Багдад", "kind"),
        ("RU,country,Russia,,,Russia,روسيا,,Россия", "ISO 3166-1"),
        ("XX,country,RU,,,Russia,روسيا,,Россия", "country's code"),
        ("IQ:kut,city,IQ,IQ-ZZ,,Kut,الكوت,,Кут", "province"),
        ("IQ:kut,city,IQ,IQ-WA,maybe,Kut,الكوت,,Кут", "occupied"),
        ("IQ:kut,city,IQ,IQ-WA,,Kut,,,Кут", "no ar name"),
        ("IQ:Kut,city,IQ,IQ-WA,,Kut,الكوت,,Кут", "neither a known ISO"),
    ],
)
def test_bad_row_is_refused_with_its_line(row: str, problem: str) -> None:
    with pytest.raises(ConfigError, match=f"test.csv: line 2: .*{problem}"):
        parse_places(f"{HEADER}\n{row}\n", "test.csv")


def test_wrong_header_is_refused() -> None:
    with pytest.raises(ConfigError, match="header"):
        parse_places("code,name\nIQ,Iraq\n", "test.csv")
