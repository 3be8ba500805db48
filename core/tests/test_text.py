from xml.etree import ElementTree

from hypothesis import given
from hypothesis import strategies as st

from core.text import for_xml, one_line


@given(st.text())
def test_any_text_made_fit_for_xml_is_held_by_an_xml_document(text):
    element = ElementTree.Element("p")
    element.text = for_xml(text)
    ElementTree.fromstring(ElementTree.tostring(element, encoding="unicode"))


@given(st.text())
def test_any_text_made_one_line_has_no_break_or_control_character(text):
    line = one_line(text)
    assert line == line.strip() and "  " not in line
    assert not any(ord(character) < 32 or 0x7F <= ord(character) <= 0x9F for character in line)
    assert not any(character in line for character in "\u2028\u2029\x85")


def test_word_line_breaks_become_newlines_and_other_controls_go():
    assert for_xml("first\x0bsecond\x0cthird\x00\x07") == "first\nsecond\nthird"
    assert one_line("A title\nwith a break\x0b and  a tab\t") == "A title with a break and a tab"
