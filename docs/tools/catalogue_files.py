"""Reads act versions the way the engine's CatalogueLoader does.

An act version is either one file `acts/<act>/<effective-from>.json` holding its services, or a
directory `acts/<act>/<effective-from>/` with `act.json` (the version's header) and one file per
service (`<name>.json`, a service object). Either way the assembled version is what the schema
validates.
"""
import json
import pathlib
import sys


def versions(acts_dir):
    """Yields (name, tree, files) per act version; `files[i]` is the file of service i."""
    acts_dir = pathlib.Path(acts_dir)
    for act in sorted(p for p in acts_dir.iterdir() if p.is_dir()):
        for entry in sorted(act.iterdir()):
            if entry.is_file() and entry.suffix == ".json":
                tree = json.loads(entry.read_text())
                rel = entry.relative_to(acts_dir.parent)
                yield str(rel), tree, [str(rel)] * len(tree.get("services", []))
            elif entry.is_dir() and (entry / "act.json").exists():
                tree = json.loads((entry / "act.json").read_text())
                files = [str((entry / "act.json").relative_to(acts_dir.parent))] * len(tree.get("services", []))
                for service in sorted(p for p in entry.glob("*.json") if p.name != "act.json"):
                    tree.setdefault("services", []).append(json.loads(service.read_text()))
                    files.append(str(service.relative_to(acts_dir.parent)))
                yield str(entry.relative_to(acts_dir.parent)), tree, files


def main():
    """`python3 docs/tools/catalogue_files.py [catalogue-dir]`: validates every version against the schema."""
    import jsonschema

    root = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "Shared/Rules/Resources/catalogue")
    schema = json.loads((root / "schema/act-version.schema.json").read_text())
    validator = jsonschema.Draft202012Validator(schema)
    failures = 0
    for name, tree, files in versions(root / "acts"):
        for error in validator.iter_errors(tree):
            path = list(error.absolute_path)
            where = files[path[1]] if len(path) > 1 and path[0] == "services" and path[1] < len(files) else name
            print(f"{where}: /{'/'.join(map(str, path))}: {error.message[:300]}")
            failures += 1
        print(f"{name}: {len(tree.get('services', []))} services checked", file=sys.stderr)
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
