"""First names OCR misread are put back from the names given in France; known first names,
surnames and names read from a text layer are kept as printed."""
import pytest

from extractors.first_names import repair_name, repair_people
from pipeline.model import AttendanceEntry, DeliberationResult, Evidence, Found, Proxy


@pytest.mark.parametrize("read, name", [
    ("Sändrine MATHIEU", "Sandrine MATHIEU"),      # a speck over a letter
    ("BLANC Chantai", "BLANC Chantal"),            # l read as i
    ("GARNIER Jean-Piérre", "GARNIER Jean-Pierre"),  # each part of a compound
    ("DAVID Märie-Claire", "DAVID Marie-Claire"),
    ("Christiau LAMBERT", "Christian LAMBERT"),
    ("Frédérlc ROY", "Frédéric ROY"),
    ("Nathalic ROY", "Nathalie ROY"),               # Nathalia is as close, far less given
    ("Marie-josé PICHONNIER", "Marie-José PICHONNIER"),  # a compound's capital lowered
])
def test_a_first_name_one_letter_off_a_common_one_is_put_back(read, name):
    assert repair_name(read) == name


@pytest.mark.parametrize("name", [
    "Loic DAVID", "Evelyne PETIT", "Éric N'DIAYE",   # given spellings, with or without accents
    "Ludovik MARTIN",                                # a rare name that is given
    "Christiqin LAMBERT",                            # two letters off: left as read
    "Jean Dupont", "Morin Paul",                     # no surname in capitals: nothing to tell them apart
    "Anne LE GALL", "Zdenka NOVAK",
])
def test_known_and_unrepairable_names_are_kept(name):
    assert repair_name(name) == name


def test_only_names_read_on_scanned_pages_are_repaired():
    scan, text = Evidence(2, None, "", "t"), Evidence(1, None, "", "t")
    r = DeliberationResult(seq=1)
    r.attendance = [AttendanceEntry("Sändrine MATHIEU", "present", scan), AttendanceEntry("Sändrine ROY", "present", text)]
    r.proxies = [Proxy("BLANC Chantai", "Sändrine MATHIEU", scan)]
    r.fields["secretary"] = Found("Sändrine MATHIEU", scan)
    repair_people(r, ocr_pages={2})
    assert [a.person_name for a in r.attendance] == ["Sandrine MATHIEU", "Sändrine ROY"]
    assert (r.proxies[0].grantor, r.proxies[0].holder) == ("BLANC Chantal", "Sandrine MATHIEU")
    assert r.fields["secretary"].value == "Sandrine MATHIEU"
