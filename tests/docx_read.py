"""An independent reader of resdiff's .docx output, for tests/docx_output.rs.

The package is checked first: every part's CRC, every XML part well-formed, every part with
a content type ([Content_Types].xml, by override or by extension), every relationship's
target present; every footnote reference names a footnote of word/footnotes.xml, and every
footnote but Word's separators is referenced once. The footnotes are read per side too: a
footnote whose reference lies in w:del is gone when accepted, in w:ins gone when rejected,
and its text on each side follows the same rules as the body's ("accepted_notes",
"rejected_notes"; "notes_with_changes" counts the footnotes holding a tracked change).

Opens the package with zipfile (checking every CRC), parses word/document.xml with the
standard XML parser, and prints JSON: the paragraphs with all tracked changes accepted,
with all rejected, the number of tracked changes, their author, and the number of moves.

Moves follow WordprocessingML: text in w:moveFrom goes when accepted (as in w:del), text in
w:moveTo stays (as in w:ins); every w:moveFrom / w:moveTo lies inside a range
(w:moveFromRangeStart ... w:moveFromRangeEnd, same w:id) whose w:name is shared by exactly
one source range and one destination range. A move breaking these rules fails the reader.
"""
import json
import sys
import zipfile
import xml.etree.ElementTree as ET

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
# Tracked content: the elements whose text the new side keeps, and those it drops.
KEPT = (W + "ins", W + "moveTo")
DROPPED = (W + "del", W + "moveFrom")


def texts(paragraph, accept):
    """The paragraph's text on one side: w:t outside w:del/w:ins as the side wants."""
    out = []

    def walk(node, inside):
        for child in node:
            tag = child.tag
            if tag in KEPT or tag in DROPPED:
                walk(child, tag)
            elif tag == W + "pPr":
                continue
            elif tag in (W + "t", W + "delText"):
                keep = inside is None or (inside in KEPT) == accept
                if keep:
                    out.append(child.text or "")
            elif tag == W + "tab":
                keep = inside is None or (inside in KEPT) == accept
                if keep:
                    out.append("\t")
            else:
                walk(child, inside)

    walk(paragraph, None)
    return "".join(out)


def mark(paragraph):
    """'ins' or 'del' when the paragraph mark is tracked, else None."""
    rpr = paragraph.find(W + "pPr/" + W + "rPr")
    if rpr is None:
        return None
    if any(rpr.find(tag) is not None for tag in KEPT):
        return "ins"
    if any(rpr.find(tag) is not None for tag in DROPPED):
        return "del"
    return None


def side(paragraphs, accept):
    """Paragraph texts of one side; a mark missing on this side joins the next paragraph."""
    result, pending = [], ""
    gone = "del" if accept else "ins"
    for paragraph in paragraphs:
        pending += texts(paragraph, accept)
        if mark(paragraph) == gone:
            continue
        result.append(pending)
        pending = ""
    if pending:
        result.append(pending)
    return result


def in_mark_order(node):
    """The descendants of node in document order, except that a paragraph's properties
    (holding its mark's tracking) come after its content, where the mark stands."""
    for child in node:
        if child.tag == W + "pPr":
            continue
        yield child
        yield from in_mark_order(child)
    properties = node.find(W + "pPr")
    if properties is not None:
        yield properties
        yield from properties.iter()


def moves(root):
    """The number of moves, after checking their ranges (see the module's doc)."""
    names = {"From": {}, "To": {}}
    open_ranges = {"From": {}, "To": {}}
    for node in in_mark_order(root):
        for end in ("From", "To"):
            if node.tag == f"{W}move{end}RangeStart":
                name = node.get(W + "name")
                if name in names[end]:
                    sys.exit(f"two move{end} ranges named {name}")
                names[end][name] = node.get(W + "id")
                open_ranges[end][node.get(W + "id")] = name
            elif node.tag == f"{W}move{end}RangeEnd":
                if open_ranges[end].pop(node.get(W + "id"), None) is None:
                    sys.exit(f"move{end}RangeEnd {node.get(W + 'id')} closes no range")
            elif node.tag == f"{W}move{end}" and not open_ranges[end]:
                sys.exit(f"a move{end} outside its range")
    if open_ranges["From"] or open_ranges["To"]:
        sys.exit(f"move ranges left open: {open_ranges}")
    if set(names["From"]) != set(names["To"]):
        sys.exit(f"unpaired moves: {sorted(set(names['From']) ^ set(names['To']))}")
    return len(names["From"])


CT = "{http://schemas.openxmlformats.org/package/2006/content-types}"
REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"


def check_package(package):
    """Exits unless every part has a content type and every relationship a target."""
    names = [n for n in package.namelist() if not n.endswith("/")]
    types = ET.fromstring(package.read("[Content_Types].xml"))
    overrides = {o.get("PartName") for o in types.iter(CT + "Override")}
    defaults = {d.get("Extension").lower() for d in types.iter(CT + "Default")}
    for name in names:
        if name == "[Content_Types].xml":
            continue
        if "/" + name not in overrides and name.rsplit(".", 1)[-1].lower() not in defaults:
            sys.exit(f"{name} has no content type")
    for override in overrides:
        if override.lstrip("/") not in names:
            sys.exit(f"content type for a missing part {override}")
    for name in names:
        if not name.endswith(".rels"):
            continue
        folder = name.split("_rels/")[0]
        for relationship in ET.fromstring(package.read(name)).iter(REL + "Relationship"):
            target = relationship.get("Target")
            path = target.lstrip("/") if target.startswith("/") else folder + target
            if path not in names:
                sys.exit(f"{name}: relationship {relationship.get('Id')} to missing {path}")


def notes(root, footnotes):
    """The footnote texts of each side, in reference order, and how many hold a change."""
    by_id = {
        f.get(W + "id"): f for f in footnotes.iter(W + "footnote") if f.get(W + "type") is None
    }
    referenced = []
    sides = {True: [], False: []}

    def walk(node, inside):
        for child in node:
            if child.tag in KEPT or child.tag in DROPPED:
                walk(child, child.tag)
            elif child.tag == W + "footnoteReference":
                note = by_id.get(child.get(W + "id"))
                if note is None:
                    sys.exit(f"footnote {child.get(W + 'id')} referenced but missing")
                referenced.append(child.get(W + "id"))
                for accept in (True, False):
                    if inside is None or (inside in KEPT) == accept:
                        text = " ".join(texts(p, accept) for p in note.iter(W + "p"))
                        sides[accept].append(text.strip())
            else:
                walk(child, inside)

    walk(root, None)
    if sorted(referenced) != sorted(by_id):
        sys.exit("footnotes not referenced exactly once")
    changed = sum(
        1
        for note in by_id.values()
        if any(True for tag in KEPT + DROPPED for _ in note.iter(tag))
    )
    return sides[True], sides[False], changed


def main():
    with zipfile.ZipFile(sys.argv[1]) as package:
        bad = package.testzip()
        if bad is not None:
            sys.exit(f"bad CRC in {bad}")
        for name in package.namelist():
            if name.endswith(".xml") or name.endswith(".rels"):
                ET.fromstring(package.read(name))
        check_package(package)
        root = ET.fromstring(package.read("word/document.xml"))
        footnotes = ET.fromstring(package.read("word/footnotes.xml"))
    accepted_notes, rejected_notes, notes_with_changes = notes(root, footnotes)
    paragraphs = root.findall(f"{W}body/{W}p")
    changes = [
        node for part in (root, footnotes) for tag in KEPT + DROPPED for node in part.iter(tag)
    ]
    ranges = [
        node
        for end in ("From", "To")
        for node in root.iter(f"{W}move{end}RangeStart")
    ]
    authors = sorted({c.get(W + "author") for c in changes + ranges})
    ids = [c.get(W + "id") for c in changes + ranges]
    if len(ids) != len(set(ids)):
        sys.exit("tracked change ids repeat")
    json.dump(
        {
            "accepted": side(paragraphs, True),
            "rejected": side(paragraphs, False),
            "changes": len(changes),
            "author": authors[0] if len(authors) == 1 else authors,
            "moves": moves(root),
            "accepted_notes": accepted_notes,
            "rejected_notes": rejected_notes,
            "notes_with_changes": notes_with_changes,
        },
        sys.stdout,
        ensure_ascii=False,
    )


main()
