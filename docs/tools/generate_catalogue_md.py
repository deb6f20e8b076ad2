#!/usr/bin/env python3
"""Writes docs/catalogue.md from the catalogue (Shared/Rules/Resources/catalogue), so the two never
disagree. `--check` exits 1 when docs/catalogue.md is not what the catalogue generates (a test runs it)."""
import datetime, json, pathlib, re, sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
from catalogue_files import versions

root = pathlib.Path(__file__).resolve().parents[2]
cat = root / "Shared/Rules/Resources/catalogue"

def cond(c):
    if c is None: return "always"
    (k, v), = c.items()
    if k in ("all", "any"): return (" and " if k == "all" else " or ").join(cond(x) for x in v)
    if k == "not": return "not (" + cond(v) + ")"
    if k in ("ageAtLeast", "ageBelow"): return f"{v.get('of', 'subject')} {'at least' if k == 'ageAtLeast' else 'under'} {v['years']}"
    if k == "fact": return f"{v['name']} in {', '.join(v['in'])}"
    if isinstance(v, list): return f"{k}: {', '.join(map(str, v))}"
    return f"{k}: {v}"

def term(t):
    return ("up to " if t.get("upTo") else "") + f"{t['amount']} {t['unit']}"

def hours(h):
    days = {1: "Mon", 2: "Tue", 3: "Wed", 4: "Thu", 5: "Fri", 6: "Sat", 7: "Sun"}
    d = h["weekdays"]
    span = f"{days[d[0]]}–{days[d[-1]]}" if d == list(range(d[0], d[-1] + 1)) else ", ".join(days[x] for x in d)
    lunch = f", lunch {h['lunch']['from']}–{h['lunch']['to']}" if h.get("lunch") else ", no lunch break"
    return f"{span} {h['opensAt']}–{h['closesAt']}{lunch}" + (" (takes applications round the clock)" if h.get("roundTheClock") else "")

def esc(s): return str(s).replace("|", "\\|").replace("\n", " ")

def service_md(s, version):
    out = [f"### {s['title']['en']} (`{s['code']}`, `{s['shortCode']}`)", ""]
    reg = s["regulation"]
    out += [f"Rules version `{version}`. " + ", ".join(f"{k} {v}" for k, v in reg.items() if k != "source") + f". Source: {reg['source']}.", ""]
    out += ["| rule | value | source |", "|---|---|---|"]
    row = lambda r, v, src: out.append(f"| {esc(r)} | {esc(v)} | {esc(src)} |")
    row("provider", s["provider"]["name"]["en"], "")
    row("routing", s["routing"]["to"] + (f" (field `{s['routing']['field']}`)" if s["routing"].get("field") else "") + ("; front office at the branch of residence" if s["routing"].get("frontOfficeAtResidence") else ""), s["routing"]["source"])
    row("provider hours", hours(s["providerHours"]), s["providerHours"]["source"])
    for c in s["channels"]:
        row(f"channel {c['channel']}", f"signed by {', '.join(c['signatureMethods'])}; {hours(c['hours'])}" + (f"; queue at most {c['queueLimitMinutes']} min" if c.get("queueLimitMinutes") else ""), c["source"])
    for p in s["parties"]:
        row(f"party {p['kind']}", ("not served yet: " if p.get("served") is False else "") + (p.get("note") or "") + (f" (when {cond(p['when'])})" if p.get("when") else ""), p["source"])
    for sc in s["scenarios"]: row(f"scenario `{sc['code']}`", sc["title"]["en"], sc.get("source", ""))
    for pu in s.get("purposes") or []: row(f"purpose `{pu['code']}`", pu["title"]["en"], pu.get("source", ""))
    for c in s.get("consent") or []:
        row("consent of the subject", f"{', '.join(c['channels'])}: {', '.join(c['methods'])}" + (f"; valid {term(c['validFor'])}" if c.get("validFor") else "") + (f"; not needed for {', '.join(c['exemptParties'])}" if c.get("exemptParties") else ""), c["source"])
    for d in s["documents"]:
        row("document", f"{' or '.join(d['anyOf'])} — {d['attachedBy']}, {d.get('form', 'any form')}, {'required' if d['required'] else 'optional'} when {cond(d.get('when'))}" + (f" ({d['note']})" if d.get("note") else ""), d["source"])
    for f in s["fields"]:
        row(f"field `{f['name']}`", f"{f['type']}{', required' if f['required'] else ''}{', must be true' if f.get('mustBeTrue') else ''}: {f['label']['en']}", f["source"])
    for o in s.get("options") or []:
        row(f"option `{o['field']}`", f"linked to {o['linkedService']}" if o.get("linkedService") else f"refused to accept: {o['refusal']}", o["source"])
    for side in ("intake", "review"):
        for q in s["gateway"][side]: row(f"gateway at {side}", f"{q['query']} about the {q['about']}", q.get("source", ""))
    for t in s["terms"]: row("term", f"{term(t['term'])} when {cond(t.get('when'))}", t["source"])
    for g in s["refusalGrounds"]:
        row(f"refusal ground `{g['code']}`", g["text"]["en"] + (f"; applies when {cond(g['when'])}" if g.get("when") else "")
            + (f"; suggested when {cond(g['holdsWhen'])}" if g.get("holdsWhen") else "") + (f" (check `{g['check']}`)" if g.get("check") else "")
            + (f"; reading: {g['note']}" if g.get("note") else ""), g["source"])
    for r in s["results"]: row(f"result: {r['outcome']}", f"{r['form']}, {r['format']}, {r['copies']} cop{'y' if r['copies'] == 1 else 'ies'}, to {r['delivery']} when {cond(r.get('when'))}", r["source"])
    for st in s.get("storage") or []:
        steps = "; then ".join(f"{x['at']} " + (term(x["period"]) if x.get("period") else "until collected") for x in st["steps"])
        row("uncollected paper", steps + (f"; then {st['finally']}" if st.get("finally") else "") + (f" ({st['note']})" if st.get("note") else ""), st["source"])
    if s.get("homeVisit"): row("home visit", s["homeVisit"]["text"], s["homeVisit"]["source"])
    out += ["", "Process (states, who holds the case, deadlines, and the actions that move it):", "", "| state | status | holder | deadline | actions |", "|---|---|---|---|---|"]
    for st in s["process"]["states"]:
        dl = st.get("deadline")
        deadline = (f"{dl['name']}: " + (term(dl["term"]) if dl.get("term") else "the service term") + f" from {dl['from']}") if dl else ""
        if st.get("serviceTerm"): deadline += f"; service term becomes {term(st['serviceTerm'])}"
        acts = []
        for t in st["transitions"]:
            a = f"{t['on']} by {t['by']}"
            if t.get("guard"): a += f" [{t['guard']}]"
            if t.get("when"): a += f" [{cond(t['when'])}]"
            if t.get("after"): a += f" after {term(t['after'])}"
            a += f" → {t.get('target', 'stays')}"
            eff = [e if isinstance(e, str) else f"{list(e)[0]} {list(e.values())[0]}" for e in t.get("effects", [])]
            if eff: a += f" ({', '.join(eff)})"
            acts.append(a)
        out.append(f"| `{st['id']}`{' (final)' if st.get('final') else ''} | {st['status']} | {st['holder']} | {esc(deadline)} | {esc('; '.join(acts))} |")
    out += ["", "Forms:", ""]
    for f in s["forms"]:
        out.append(f"- **{f['id']}** ({f['kind']}{', our design: the form is cited but not in the seeds' if f.get('ourDesign') else ''}): {f['title']['en']}. "
                   + " / ".join(f"“{st['text']['en']}”" + (f" when {cond(st.get('when'))}" if st.get("when") else "") for st in f["statements"]) + f" Source: {f['source']}.")
    return out + [""]

TESTS = root / "docs/catalogue/tests.json"

def tests_by_scenario():
    """`docs/catalogue/tests.json`: service → scenario (or `*`) → the test that runs it (`Type/function`)."""
    return json.loads(TESTS.read_text()) if TESTS.exists() else {}

def missing_tests():
    """Named tests that are not in Tests/: a renamed test must not leave the catalogue pointing at nothing."""
    sources = "\n".join(p.read_text() for p in (root / "Tests").rglob("*.swift"))
    named = {t for scenarios in tests_by_scenario().values() for t in scenarios.values()}
    return sorted(t for t in named if not re.search(r"\bfunc " + re.escape(t.split("/")[-1]) + r"\(", sources))

def scenario_rows(data):
    tests = tests_by_scenario()
    out = ["## Services and scenarios", "", "Each scenario and variant (who applies, what one application adds) with its source, the rules version and the test that runs it through the stack "
           "(from `docs/catalogue/tests.json`; `—` where no test runs it yet).", "",
           "| service | scenario | source | rules version | test |", "|---|---|---|---|---|"]
    latest = {}
    for a in data:
        for s in a["services"]:
            if s["code"] not in latest or a["effectiveFrom"] > latest[s["code"]]: latest[s["code"]] = a["effectiveFrom"]
    for a in data:
        version = f"{a['act']}@{a['effectiveFrom']}"
        for s in a["services"]:
            # A version's own tests first; the service's tests run the version in force today.
            by = tests.get(f"{s['code']}@{version}") or (tests.get(s["code"], {}) if latest[s["code"]] == a["effectiveFrom"] else {})
            where = f"`{s['code']}` ({s['regulation'].get('paragraph') or s['regulation'].get('standard') or ''})"
            for sc in s["scenarios"]:
                test = by.get(sc["code"]) or by.get("*")
                out.append(f"| {where} | `{sc['code']}`: {esc(sc['title']['en'])} "
                           f"| {esc(sc.get('source', s['regulation']['source']))} | `{version}` | {'`' + test + '`' if test else '—'} |")
            # The variants: who applies (a legal entity, a representative, former personal data)
            # and the services one application adds (the apostille), keyed `party:<kind>`, `option:<field>`.
            for p in s["parties"]:
                if p["kind"] == "individual": continue
                test = by.get("party:" + p["kind"])
                served = "" if p.get("served", True) else " (not served: refused to accept with the reason)"
                out.append(f"| {where} | party `{p['kind']}`{served}: {esc(p.get('note', ''))} | {esc(p['source'])} | `{version}` | {'`' + test + '`' if test else '—'} |")
            for o in s.get("options") or []:
                test = by.get("option:" + o["field"])
                what = f"one application with `{o['linkedService']}`" if o.get("linkedService") else "refused: " + o.get("refusal", "")
                out.append(f"| {where} | option `{o['field']}`: {esc(what)} | {esc(o['source'])} | `{version}` | {'`' + test + '`' if test else '—'} |")
    return out + [""]

def generate():
    out = ["# The service catalogue", "",
           "Generated by `docs/tools/generate_catalogue_md.py` from [Shared/Rules/Resources/catalogue](../Shared/Rules/Resources/catalogue); "
           "a test fails when the two disagree. How the model works: [rules-model.md](rules-model.md). The files validate against "
           "[catalogue/act-version.schema.json](catalogue/act-version.schema.json). Seed line references (`L…`) are into `shared/seeds/<file>`.", ""]
    replays = tests_by_scenario().get("@versions", {})
    out += ["## Acts and versions", "", "Every act of the seeds, oldest first. An application is judged by the version in force on its filing day "
            "(`qyzmet replay`, `POST /replay` on intake; docs/rules-model.md); the last column names the test that replays an application under it.", "",
            "| act | version | in force | services | how the dates were found | replayed by |", "|---|---|---|---|---|---|"]
    data = sorted((tree for _, tree, _ in versions(cat / "acts")), key=lambda a: a["effectiveFrom"])
    def window(a):
        if not a.get("effectiveUntil"): return f"from {a['effectiveFrom']}"
        last = datetime.date.fromisoformat(a["effectiveUntil"]) - datetime.timedelta(days=1)
        return f"{a['effectiveFrom']} – {last.isoformat()} (not in force from {a['effectiveUntil']})"
    for a in data:
        vid = f"{a['act']}@{a['effectiveFrom']}"
        test = replays.get(vid)
        out.append(f"| {esc(a['title'])} | `{vid}` | {window(a)} | {', '.join('`'+s['code']+'`' for s in a['services'])} | {esc(a.get('datesNote', ''))} | {'`' + test + '`' if test else '—'} |")
    out += ["", "## Lines of versions", "", "Each service code and the versions that defined it, oldest first; between them the service was not provided under these rules "
            "(a filing then is refused to accept as `unknown-service`, naming the days it was).", "", "| service | versions |", "|---|---|"]
    lines, continued = {}, {}
    for a in data:
        for s in a["services"]:
            lines.setdefault(s["code"], []).append(f"`{a['act']}@{a['effectiveFrom']}` ({window(a)})")
            if s.get("continuedBy"): continued[s["code"]] = s["continuedBy"]["code"]
    out += [f"| `{code}` | {' → '.join(vs)}{' → continued as `' + continued[code] + '`' if code in continued else ''} |" for code, vs in sorted(lines.items())]
    out.append("")
    out += scenario_rows(data)
    for a in data:
        out += [f"## {a['title']}", "", f"Version `{a['act']}@{a['effectiveFrom']}`, source {a['source']}.", ""]
        if a.get("indicators"):
            out += ["Performance indicators (normative values; the replay and the status desk report them with the version):", "",
                    "| code | indicator | normative | measured by | source |", "|---|---|---|---|---|"]
            out += [f"| {i['code']} | {esc(i['text']['en'])} | {i['normative']:g} % | {i['measure']} | {esc(i['source'])} |" for i in a["indicators"]]
            out.append("")
        for s in a["services"]: out += service_md(s, f"{a['act']}@{a['effectiveFrom']}")
    mci = json.loads((cat / "parameters/mci.json").read_text())
    out += ["## Dated parameters", "", "Monthly calculation index (MCI), the unit of state duties:", "", "| from | tenge | source |", "|---|---|---|"]
    out += [f"| {v['from']} | {v['value']} | {esc(v['source'])} |" for v in mci["values"]]
    offices = json.loads((cat / "reference/offices.json").read_text())
    out += ["", "## Offices", "", "| id | kind | name | region | tier | valid |", "|---|---|---|---|---|---|"]
    out += [f"| `{o['id']}` | {o['kind']}{' (' + o['provider'] + ')' if o.get('provider') else ''} | {esc(o['name'])} | {o['region']} | {o['tier']} | "
            f"{(o.get('validFrom') or '…') + ' – ' + (o.get('validUntil') or '…') if o.get('validFrom') or o.get('validUntil') else 'now'} |" for o in offices]
    return "\n".join(out) + "\n"

if __name__ == "__main__":
    text = generate()
    target = root / "docs/catalogue.md"
    if "--check" in sys.argv:
        if missing_tests():
            print("docs/catalogue/tests.json names tests that do not exist: " + ", ".join(missing_tests()), file=sys.stderr)
            sys.exit(1)
        if target.read_text() != text:
            print("docs/catalogue.md is not what the catalogue generates: run python3 docs/tools/generate_catalogue_md.py", file=sys.stderr)
            sys.exit(1)
    else:
        target.write_text(text)
