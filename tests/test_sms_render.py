"""SMS channel helpers without a server: TwiML, numbered menus, form parsing, numbers."""
from __future__ import annotations

from xml.etree import ElementTree

from twilio.request_validator import RequestValidator

from bot.sms_text import is_gsm7
from channels.sms import normalise_number, parse_form, render, twiml


def test_menu_is_numbered_gsm7_and_payloads_follow_the_numbers() -> None:
    parts, payloads = render([{"text": "Hi. I\u2019m Harbor \u2014 what do you need?", "buttons": [
        {"title": "A place to sleep tonight", "payload": "/need_shelter"}, {"title": "Food", "payload": "/need_food"}]}])
    assert parts == ["Hi. I'm Harbor - what do you need?\n1 = A place to sleep tonight\n2 = Food"]
    assert payloads == ["/need_shelter", "/need_food"]


def test_long_reply_keeps_one_choice_a_line_and_every_part_fits() -> None:
    buttons = [{"title": f"Choice {i} with a fairly long title", "payload": f"/p{i}"} for i in range(15)]
    parts, payloads = render([{"text": "A sentence that goes on. " * 20, "buttons": buttons}])
    assert all(len(p) <= 320 and is_gsm7(p) for p in parts)
    menu_lines = [line for p in parts for line in p.split("\n") if " = " in line]
    assert menu_lines[0] == "1 = Choice 0 with a fairly long title" and len(menu_lines) == 15
    assert payloads[14] == "/p14"


def test_twiml_escapes_xml() -> None:
    xml = twiml(["a < b & c > d", "second"]).body.decode()
    root = ElementTree.fromstring(xml)
    assert [m.text for m in root.findall("Message")] == ["a < b & c > d", "second"]
    assert ElementTree.fromstring(twiml([]).body.decode()).findall("Message") == []


def test_parse_form_keeps_blank_values_so_signatures_match() -> None:
    body = b"Body=hi+there&ToCity=&From=%2B16085550147&Body=again"
    form = parse_form(body)
    assert form == {"Body": ["hi there", "again"], "ToCity": [""], "From": ["+16085550147"]}
    signed = RequestValidator("t").compute_signature("https://x/y", {"Body": "hi", "ToCity": ""})
    assert RequestValidator("t").validate("https://x/y", parse_form(b"Body=hi&ToCity="), signed)


def test_normalise_number() -> None:
    assert normalise_number("+16085550147") == "+16085550147"
    assert normalise_number("(608) 555-0147") == "+16085550147"
    assert normalise_number("608.555.0147") == "+16085550147"
    assert normalise_number("not a number") is None
    assert normalise_number("12") is None
