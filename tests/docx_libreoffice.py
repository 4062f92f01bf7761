"""Opens a .docx in headless LibreOffice (through UNO) and prints, as JSON, its paragraphs
with all tracked changes accepted and with all rejected, as LibreOffice makes them, and its
footnotes' texts likewise ("accepted_notes", "rejected_notes"), the
number of tracked changes it found, and the ids of the paragraphs it holds moved text in
("moved_to"): LibreOffice reports a move through UNO as a deletion and an insertion, so the
document is saved again as .docx and the paragraphs holding w:moveTo text that LibreOffice
writes back are listed by the ids they open with. For tests/docx_output.rs.

Usage: python3 docx_libreoffice.py FILE.docx  (the system python3 with python3-uno)
"""
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
import zipfile
import xml.etree.ElementTree as ET

import uno
from com.sun.star.beans import PropertyValue

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def prop(name, value):
    p = PropertyValue()
    p.Name, p.Value = name, value
    return p


def paragraphs(document):
    """The body's paragraphs; a footnote's anchor, which reads as its number, left out."""
    out = []
    enum = document.Text.createEnumeration()
    while enum.hasMoreElements():
        paragraph = enum.nextElement()
        text = []
        portions = paragraph.createEnumeration()
        while portions.hasMoreElements():
            portion = portions.nextElement()
            if portion.TextPortionType != "Footnote":
                text.append(portion.getString())
        out.append("".join(text))
    return out


def moved_to(document, folder):
    """The ids opening the paragraphs that hold moved-to text when LibreOffice saves the
    document as .docx."""
    copy = os.path.join(folder, "saved-again.docx")
    document.storeToURL(
        uno.systemPathToFileUrl(copy), (prop("FilterName", "MS Word 2007 XML"),)
    )
    with zipfile.ZipFile(copy) as package:
        root = ET.fromstring(package.read("word/document.xml"))
    ids = []
    for paragraph in root.iter(W + "p"):
        runs = [node for node in paragraph.iter(W + "moveTo") if node.find(W + "r") is not None]
        if not runs:
            continue
        text = "".join(
            "\t" if node.tag == W + "tab" else node.text or ""
            for node in paragraph.iter()
            if node.tag in (W + "t", W + "tab")
        )
        ids.append(text.split("\t")[0])
    return ids


def main():
    path = os.path.abspath(sys.argv[1])
    # The profile is removed however the run ends, after LibreOffice is gone.
    with tempfile.TemporaryDirectory(prefix="resdiff-lo-", ignore_cleanup_errors=True) as profile:
        read(path, profile)


def read(path, profile):
    """Starts LibreOffice with its own profile and prints what it reads of `path`; LibreOffice
    is terminated, or killed with every process it started, however that ends."""
    pipe = f"resdiff{os.getpid()}"
    office = subprocess.Popen(
        [
            "soffice",
            "--headless",
            "--invisible",
            "--norestore",
            f"-env:UserInstallation=file://{profile}",
            f"--accept=pipe,name={pipe};urp;",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        # Its own process group: soffice starts soffice.bin, which a kill of soffice alone
        # would leave running.
        start_new_session=True,
    )
    desktop = None
    try:
        local = uno.getComponentContext()
        resolver = local.ServiceManager.createInstanceWithContext(
            "com.sun.star.bridge.UnoUrlResolver", local
        )
        for _ in range(120):
            try:
                context = resolver.resolve(
                    f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext"
                )
                break
            except Exception:
                time.sleep(0.5)
        else:
            sys.exit("LibreOffice did not start")
        smgr = context.ServiceManager
        desktop = smgr.createInstanceWithContext("com.sun.star.frame.Desktop", context)
        dispatcher = smgr.createInstanceWithContext(
            "com.sun.star.frame.DispatchHelper", context
        )
        result = {}
        for key, command in [
            ("accepted", ".uno:AcceptAllTrackedChanges"),
            ("rejected", ".uno:RejectAllTrackedChanges"),
        ]:
            document = desktop.loadComponentFromURL(
                uno.systemPathToFileUrl(path), "_blank", 0, (prop("Hidden", True),)
            )
            if document is None:
                # Seen under heavy load only: LibreOffice hands back no document for a file
                # it opens on the next attempt. A failure of the client, not an answer.
                raise RuntimeError("LibreOfficeClientFailure: the document did not load")
            result["changes"] = document.getRedlines().createEnumeration().hasMoreElements()
            count = 0
            redlines = document.getRedlines().createEnumeration()
            while redlines.hasMoreElements():
                redlines.nextElement()
                count += 1
            result["changes"] = count
            if key == "accepted":
                result["moved_to"] = moved_to(document, profile)
            frame = document.getCurrentController().getFrame()
            dispatcher.executeDispatch(frame, command, "", 0, ())
            result[key] = paragraphs(document)
            notes = document.getFootnotes()
            result[key.replace("ed", "ed_notes")] = [
                notes.getByIndex(i).getString().strip() for i in range(notes.getCount())
            ]
            document.close(True)
        json.dump(result, sys.stdout, ensure_ascii=False)
    finally:
        try:
            if desktop is not None:
                desktop.terminate()
        except Exception:
            pass
        try:
            office.wait(timeout=30)
        except subprocess.TimeoutExpired:
            pass
        # Whatever is left of the group (soffice.bin after a crash or a hung terminate),
        # until none of it is left to write into the profile as it is removed.
        try:
            os.killpg(office.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        office.wait()
        for _ in range(100):
            try:
                os.killpg(office.pid, signal.SIGKILL)
            except ProcessLookupError:
                break
            time.sleep(0.1)


main()
