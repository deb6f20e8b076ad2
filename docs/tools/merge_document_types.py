"""Adds document types from side files to reference/document-types.json, keeping its order and
skipping codes it already has: `python3 docs/tools/merge_document_types.py side.json...`."""
import json
import pathlib
import sys

target = pathlib.Path(__file__).resolve().parents[2] / "Shared/Rules/Resources/catalogue/reference/document-types.json"
types = json.loads(target.read_text())
known = {t["code"] for t in types}
for side in sys.argv[1:]:
    for t in json.loads(pathlib.Path(side).read_text()):
        if t["code"] not in known:
            types.append({"code": t["code"], "title": t["title"], **({"issuedBy": t["issuedBy"]} if t.get("issuedBy") else {})})
            known.add(t["code"])
            print("added", t["code"])
target.write_text(json.dumps(types, indent=2, ensure_ascii=False) + "\n")
