"""The anonymisation check of case texts: what could identify a family is marked, the usual
ways of telling a case are not."""

import pytest

from workshop.anonymity import find, segments


def marked(text):
    return [(text[p.start:p.end], p.kind) for p in find(text)]


def test_the_issue_example_is_flagged_in_three_places():
    assert marked("Anna Müller, Lindenstr. 12, 0170 1234567") == [
        ("Anna Müller", "name"), ("Lindenstr. 12", "address"), ("0170 1234567", "phone")]


def test_a_realistic_case_with_identifying_details():
    text = ("Frau Yilmaz (38) lebt mit ihren drei Kindern in der Bahnhofstraße 7a. Der älteste "
            "Sohn Mehmet Yilmaz, geb. am 12.03.2010, fehlt oft in der Schule. Die Mutter ist "
            "unter +49 89 1234567 oder m.yilmaz@example.de erreichbar; die Oma wohnt Am Markt 3.")
    assert marked(text) == [
        ("Frau Yilmaz", "name"), ("Bahnhofstraße 7a", "address"), ("Mehmet Yilmaz", "name"),
        ("geb. am 12.03.2010", "date"), ("+49 89 1234567", "phone"),
        ("m.yilmaz@example.de", "email"), ("Am Markt 3", "address")]


@pytest.mark.parametrize(("text", "expected"), [
    ("Mutter Anna-Lena Meier-Schulz ruft an.", ("Anna-Lena Meier-Schulz", "name")),
    ("Tel. 089/1234567", ("089/1234567", "phone")),
    ("Handy 0171-2345678", ("0171-2345678", "phone")),
    ("Er wurde am 4. Mai 2011 geboren.", ("4. Mai 2011", "date")),
    ("Familie Schneider zog zu.", ("Familie Schneider", "name")),
    ("Sie wohnen in der Goethe Straße 14.", ("Goethe Straße 14", "address")),
])
def test_each_kind_is_found(text, expected):
    assert marked(text) == [expected]


def test_how_cases_are_usually_told_is_not_flagged():
    text = ("Familie A. lebt seit 2019 im Ort. Jonas (15) geht in die 9. Klasse, seine Schwester "
            "Lea (8) in die Grundschule. Frau K. arbeitet im Schichtdienst, Herr K. ist seit "
            "2 Jahren arbeitslos. In der Klasse 7 gab es Streit; im Jahr 2015 zog die Familie "
            "zu. Jonas ist 15 Jahre alt, hat 3 Geschwister und Angst vor der Schule. Mit Anna "
            "Kontakt aufnehmen. Die Miete beträgt 850 Euro, 0,5 Stellen Schulsozialarbeit.")
    assert marked(text) == []


def test_segments_put_the_text_back_together_with_the_marks():
    text = "Kontakt: anna@example.org, sonst nichts."
    pieces = segments(text)
    assert "".join(piece for piece, _kind in pieces) == text
    assert pieces == [("Kontakt: ", None), ("anna@example.org", "email"),
                      (", sonst nichts.", None)]
    assert segments("") == []


def test_the_preparation_page_marks_the_passages_beside_the_saved_case(client, auth, event):
    auth.login()
    case = event.islands[0].cases[0]
    answer = client.post(f"/admin/cases/{case.id}", follow_redirects=True, data={
        "title": "Familie A.", "goal": "Ruhe",
        "situation": "Mutter Anna Müller <b>wohnt</b> in der Lindenstr. 12, Tel. 0170 1234567."})
    html = answer.get_data(as_text=True)
    assert answer.status_code == 200
    assert f'id="case-{case.id}" open' in html
    assert "Hier könnte eine Familie erkennbar sein." in html
    assert '<mark>Anna Müller<span class="visually-hidden"> (Name)</span></mark>' in html
    assert "<mark>Lindenstr. 12" in html and "<mark>0170 1234567" in html
    # The case text stays text: the markup typed into it is shown, not run.
    assert "&lt;b&gt;wohnt&lt;/b&gt;" in html and "<b>wohnt</b>" not in html
    # The other island's case, told without identifying details, gets no warning.
    other = event.islands[1].cases[0]
    assert f'id="case-{other.id}">' in html
    assert html.count("Hier könnte eine Familie erkennbar sein.") == 1


def test_a_phone_number_at_the_end_of_a_sentence():
    assert marked("Erreichbar unter 0170 1234567.") == [("0170 1234567", "phone")]
