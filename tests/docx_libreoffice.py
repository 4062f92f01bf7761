"""Opens a .docx in headless LibreOffice (through UNO) and prints, as JSON, its paragraphs
with all tracked changes accepted and with all rejected, as LibreOffice makes them, and the
number of tracked changes it found. For tests/docx_output.rs.

Usage: python3 docx_libreoffice.py FILE.docx  (the system python3 with python3-uno)
"""
import json
import os
import subprocess
import sys
import tempfile
import time

import uno
from com.sun.star.beans import PropertyValue


def prop(name, value):
    p = PropertyValue()
    p.Name, p.Value = name, value
    return p


def paragraphs(document):
    out = []
    enum = document.Text.createEnumeration()
    while enum.hasMoreElements():
        out.append(enum.nextElement().getString())
    return out


def main():
    path = os.path.abspath(sys.argv[1])
    profile = tempfile.mkdtemp(prefix="resdiff-lo-")
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
    )
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
            result["changes"] = document.getRedlines().createEnumeration().hasMoreElements()
            count = 0
            redlines = document.getRedlines().createEnumeration()
            while redlines.hasMoreElements():
                redlines.nextElement()
                count += 1
            result["changes"] = count
            frame = document.getCurrentController().getFrame()
            dispatcher.executeDispatch(frame, command, "", 0, ())
            result[key] = paragraphs(document)
            document.close(True)
        json.dump(result, sys.stdout, ensure_ascii=False)
    finally:
        try:
            desktop.terminate()
        except Exception:
            pass
        office.wait(timeout=30)


main()
