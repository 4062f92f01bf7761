"""An independent reader of resdiff's .docx output, for tests/docx_output.rs.

Opens the package with zipfile (checking every CRC), parses word/document.xml with the
standard XML parser, and prints JSON: the paragraphs with all tracked changes accepted,
with all rejected, the number of tracked changes and their author.
"""
import json
import sys
import zipfile
import xml.etree.ElementTree as ET

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def texts(paragraph, accept):
    """The paragraph's text on one side: w:t outside w:del/w:ins as the side wants."""
    out = []

    def walk(node, inside):
        for child in node:
            tag = child.tag
            if tag in (W + "ins", W + "del"):
                walk(child, tag)
            elif tag == W + "pPr":
                continue
            elif tag in (W + "t", W + "delText"):
                keep = inside is None or (inside == W + "ins") == accept
                if keep:
                    out.append(child.text or "")
            elif tag == W + "tab":
                keep = inside is None or (inside == W + "ins") == accept
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
    if rpr.find(W + "ins") is not None:
        return "ins"
    if rpr.find(W + "del") is not None:
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


def main():
    with zipfile.ZipFile(sys.argv[1]) as package:
        bad = package.testzip()
        if bad is not None:
            sys.exit(f"bad CRC in {bad}")
        for name in package.namelist():
            if name.endswith(".xml") or name.endswith(".rels"):
                ET.fromstring(package.read(name))
        root = ET.fromstring(package.read("word/document.xml"))
    paragraphs = root.findall(f"{W}body/{W}p")
    changes = root.findall(f".//{W}ins") + root.findall(f".//{W}del")
    authors = sorted({c.get(W + "author") for c in changes})
    ids = [c.get(W + "id") for c in changes]
    if len(ids) != len(set(ids)):
        sys.exit("tracked change ids repeat")
    json.dump(
        {
            "accepted": side(paragraphs, True),
            "rejected": side(paragraphs, False),
            "changes": len(changes),
            "author": authors[0] if len(authors) == 1 else authors,
        },
        sys.stdout,
        ensure_ascii=False,
    )


main()
