"""Fill unfinished messages of the Chinese catalogue from a JSON map {source: translation}.

``python tools/fill_translations.py map.json``: a helper for translating a handful of new strings by hand;
a source not in the map is left unfinished (and the i18n test keeps failing until it is translated).
"""

from __future__ import annotations

import json
import sys
import xml.etree.ElementTree as ET

from translations import ts_path


def fill(mapping: dict[str, str]) -> int:
    path = ts_path("zh_CN")
    tree = ET.parse(path)
    filled = 0
    for message in tree.getroot().iter("message"):
        translation = message.find("translation")
        source = message.findtext("source")
        if translation is not None and translation.get("type") == "unfinished" and source in mapping:
            translation.text = mapping[source]
            del translation.attrib["type"]
            filled += 1
    body = ET.tostring(tree.getroot(), encoding="unicode")
    path.write_text('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n' + body + "\n", encoding="utf-8")
    return filled


if __name__ == "__main__":
    with open(sys.argv[1], encoding="utf-8") as handle:
        print(fill(json.load(handle)), "filled")
