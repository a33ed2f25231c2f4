"""The document-structure stage: headline, dateline, bylines, captions and page furniture of scraped pages."""
from heron.structure.layout import analyse

PAGE = """Ministers meet in Tashkent to settle water dispute

By Anna Petrova and John Okafor
Published: 14 March 2025
A farmer walks along a dry canal near Nukus, Uzbekistan, March 2, 2025. (Photo: Reuters)
date 2025-03-14 TASHKENT, Uzbekistan (AFP) — Uzbek and Kyrgyz ministers met on Friday to discuss water sharing.
Share this article
The talks follow months of tension over the Toktogul reservoir.
Background
Kyrgyzstan has long accused its neighbour of wasting water.
"""


def _roles(text):
    layout = analyse(text)
    return layout, {text[b.start:b.end]: (b.role, b.kind) for b in layout.blocks}


def test_page_lines_get_their_roles():
    layout, roles = _roles(PAGE)
    assert roles["Ministers meet in Tashkent to settle water dispute"] == ("heading", "headline")
    assert roles["By Anna Petrova and John Okafor"][0] == "furniture"
    assert roles["Published: 14 March 2025"][0] == "furniture"
    assert roles["A farmer walks along a dry canal near Nukus, Uzbekistan, March 2, 2025."][0] \
        == "caption"
    assert roles["Share this article"][0] == "furniture"
    assert roles["Background"] == ("furniture", "section")
    assert roles["The talks follow months of tension over the Toktogul reservoir."][0] == "body"


def test_dateline_and_date_prefix_are_split_off_the_lead():
    layout, roles = _roles(PAGE)
    assert roles["date 2025-03-14 "][0] == "furniture"
    assert layout.dateline_place == "TASHKENT, Uzbekistan"
    s, e = layout.dateline
    assert PAGE[s:e].startswith("TASHKENT") and PAGE[e:].startswith("Uzbek and Kyrgyz ministers")
    lead = PAGE.index("Uzbek and Kyrgyz ministers")
    assert lead in layout.breaks and layout.role_at(lead) == "body"


def test_title_case_dateline_needs_a_known_place():
    text = "Details\nNairobi — Kenya's parliament passed the bill on Monday.\n"
    assert analyse(text, is_place=lambda name: name == "Nairobi").dateline_place == "Nairobi"
    assert analyse("Meanwhile — the talks went on.\nMore text here.", is_place=lambda name: False).dateline is None


def test_quotes_and_truncated_last_lines_are_not_headings():
    text = ("Leaders gather for summit in Lima\n"
            "\u201cWe will not give up,\u201d the minister said\n"
            "The summit opened on Monday with a call for unity and then the")
    layout, roles = _roles(text)
    assert roles["Leaders gather for summit in Lima"] == ("heading", "headline")
    assert roles["\u201cWe will not give up,\u201d the minister said"][0] == "body"
    assert roles["The summit opened on Monday with a call for unity and then the"][0] == "body"


def test_credit_at_the_end_of_a_paragraph_is_split_off():
    text = "The council approved the deployment on Thursday. The troops arrive on Friday. (Image: social media)."
    layout, roles = _roles(text)
    assert roles[" (Image: social media)."] == ("furniture", "credit")
    assert roles["The council approved the deployment on Thursday. The troops arrive on Friday."][0] == "body"
    # one short sentence with a photo credit is a caption
    layout, roles = _roles("Children wait for food in a camp near Goma (File photo: AFP)")
    assert roles["Children wait for food in a camp near Goma"][0] == "caption"


def test_coding_a_page(coder):
    doc = coder.code(PAGE, date="2025-03-14", doc_id="page")
    # the headline becomes the title, every line is its own sentence
    assert doc.title == "Ministers meet in Tashkent to settle water dispute"
    starts = {s for s, _ in doc.sentences}
    for line in ("By Anna Petrova", "The talks follow", "Kyrgyzstan has long accused"):
        assert PAGE.index(line) in starts
    # no actor in the byline, no event in the caption
    assert not [m for m in doc.mentions if "Petrova" in m.text or "Okafor" in m.text]
    caption = PAGE.index("A farmer"), PAGE.index("date 2025")
    assert not [e for e in doc.events if caption[0] <= e.trigger.span[0] < caption[1]]
    d = doc.to_dict()
    assert d["structure"]["dateline"]["text"] == "TASHKENT, Uzbekistan"
    assert ["heading", "headline"] == d["structure"]["blocks"][0][2:]
    # the lead is coded once the dateline is cut off it; the dateline city is no party
    met = [e for e in doc.events if e.trigger.text == "met"]
    assert [(e.plover["type"], sorted(a.country for a in e.actor)) for e in met] == [("CONSULT", ["KGZ", "UZB"])]
    assert not [m for m in doc.mentions if m.text.startswith("TASHKENT")]
