import json
def obj(props, required=(), **kw):
    d = {"type": "object", "properties": props, "additionalProperties": False}
    if required: d["required"] = list(required)
    d.update(kw); return d
ref = lambda n: {"$ref": "#/$defs/" + n}
arr = lambda item, **kw: dict({"type": "array", "items": item}, **kw)
s = {"type": "string", "minLength": 1}
src = {"type": "string", "minLength": 1, "description": "seed file and lines the rule comes from, or why it is Qyzmet's reading"}
boolean = {"type": "boolean"}
channel = {"enum": ["state-corporation", "portal"]}
tier = {"enum": ["capital", "republican-city", "oblast-centre", "oblast-city", "district"]}
date = {"type": "string", "format": "date", "pattern": "^\\d{4}-\\d{2}-\\d{2}$"}
hhmm = {"type": "string", "pattern": "^([01]\\d|2[0-3]):[0-5]\\d$"}
person = {"enum": ["applicant", "subject"]}
defs = {
 "text": obj({"en": s, "kk": s, "ru": s}, ["en", "kk"]),
 "term": obj({"amount": {"type": "integer", "minimum": 0}, "unit": {"enum": ["working-days", "calendar-days", "calendar-months", "hours", "minutes"]}, "upTo": boolean}, ["amount", "unit"]),
 "hours": obj({"weekdays": arr({"type": "integer", "minimum": 1, "maximum": 7}, minItems=1, uniqueItems=True), "opensAt": hhmm, "closesAt": hhmm,
               "lunch": obj({"from": hhmm, "to": hhmm}, ["from", "to"]), "roundTheClock": boolean, "source": src}, ["weekdays", "opensAt", "closesAt", "source"]),
 "condition": {"type": "object", "minProperties": 1, "maxProperties": 1, "additionalProperties": False, "properties": {
    "all": arr(ref("condition"), minItems=1), "any": arr(ref("condition"), minItems=1), "not": ref("condition"),
    "channel": arr(channel, minItems=1), "scenario": arr(s, minItems=1), "purpose": arr(s, minItems=1), "branchTier": arr(tier, minItems=1),
    "party": arr(s, minItems=1),
    "ageAtLeast": obj({"years": {"type": "integer", "minimum": 0}, "of": person, "on": date}, ["years"]),
    "ageBelow": obj({"years": {"type": "integer", "minimum": 0}, "of": person, "on": date}, ["years"]),
    "sex": obj({"sex": {"enum": ["male", "female"]}, "of": person}, ["sex"]),
    "fact": obj({"name": s, "in": arr(s, minItems=1)}, ["name", "in"]),
    "recorded": arr(s, minItems=1), "gatewayLacks": s, "option": s}},
 "termRule": obj({"when": ref("condition"), "term": ref("term"), "source": src}, ["term", "source"]),
 "code": obj({"code": s, "title": ref("text"), "source": src}, ["code", "title"]),
 "effect": {"oneOf": [{"enum": ["extendTerm", "scheduleHearing", "recordHearing", "assign", "gatherData", "checkPayment"]},
                      obj({"decide": s}, ["decide"]), obj({"notice": s}, ["notice"])]},
 "finding": obj({"name": s, "values": arr(s, minItems=1), "required": boolean, "label": s}, ["name"]),
 "transition": obj({"on": s, "by": {"enum": ["system", "executor", "supervisor", "applicant", "timer"]}, "guard": s, "when": ref("condition"),
                    "target": s, "after": ref("term"), "requires": arr({"enum": ["grounds", "motivation", "findings", "term", "hearing-at", "hearing-outcome"]}),
                    "findings": arr(ref("finding")), "effects": arr(ref("effect")), "label": s, "source": src}, ["on", "by"]),
 "state": obj({"id": s, "status": s, "holder": {"enum": ["system", "executor", "supervisor", "applicant", "timer"]},
               "deadline": obj({"name": s, "term": ref("term"), "from": {"enum": ["entered", "acceptance", "service-term"]}, "source": src}, ["name", "from", "source"]),
               "serviceTerm": ref("term"), "transitions": arr(ref("transition")), "final": boolean, "source": src}, ["id", "status", "holder", "transitions"]),
 "service": obj({
   "code": {"type": "string", "pattern": "^[a-z]+\\.[a-z0-9-]+$"}, "shortCode": {"type": "string", "pattern": "^[A-Z]{3}$"}, "title": ref("text"),
   "regulation": obj({"paragraph": s, "standard": s, "applicationForm": s, "refusalToAcceptForm": s, "source": src}, ["source"]),
   "provider": obj({"code": s, "name": ref("text")}, ["code", "name"]),
   "routing": obj({"to": {"enum": ["provider", "addressed-authority", "residence-authority"]}, "field": s, "frontOfficeAtResidence": boolean, "source": src}, ["to", "source"]),
   "parties": arr(obj({"kind": {"enum": ["individual", "legal-entity", "representative", "parent", "relative", "former-data"]}, "channels": arr(channel),
                       "documents": arr(s), "when": ref("condition"), "served": boolean, "note": s, "source": src}, ["kind", "source"]), minItems=1),
   "channels": arr(obj({"channel": channel, "signatureMethods": arr({"enum": ["eds", "otp", "operator"]}, minItems=1), "hours": ref("hours"),
                        "queueLimitMinutes": {"type": "integer", "minimum": 1}, "source": src}, ["channel", "signatureMethods", "hours", "source"]), minItems=1),
   "providerHours": ref("hours"),
   "scenarios": arr(ref("code"), minItems=1), "purposes": arr(ref("code"), minItems=1),
   "consent": arr(obj({"channels": arr(channel, minItems=1), "methods": arr(s, minItems=1), "document": s, "validFor": ref("term"),
                       "exemptParties": arr(s), "source": src}, ["channels", "methods", "source"])),
   "documents": arr(obj({"anyOf": arr(s, minItems=1), "attachedBy": {"enum": ["applicant", "provider", "gateway"]}, "required": boolean,
                         "form": {"enum": ["original", "copy", "electronic-copy"]}, "when": ref("condition"), "atCollection": boolean,
                         "validFor": ref("term"), "note": s, "source": src}, ["anyOf", "attachedBy", "required", "source"])),
   "fields": arr(obj({"name": {"type": "string", "pattern": "^[a-z][A-Za-z0-9]*$"}, "label": ref("text"),
                      "type": {"enum": ["string", "date", "boolean", "integer", "office", "enum"]}, "required": boolean, "values": arr(s, minItems=1),
                      "mustBeTrue": boolean, "when": ref("condition"), "ourDesign": boolean, "source": src}, ["name", "label", "type", "required", "source"])),
   "options": arr(obj({"field": s, "linkedService": s, "refusal": s, "source": src}, ["field", "source"])),
   "gateway": obj({"intake": arr(ref("query")), "review": arr(ref("query"))}, ["intake", "review"]),
   "fees": arr(obj({"code": s, "mci": {"type": "number", "exclusiveMinimum": 0}, "tenge": {"type": "integer", "minimum": 1}, "per": {"enum": ["per-application", "per-document"]},
                    "when": ref("condition"), "payBefore": {"enum": ["acceptance", "processing"]}, "payWithin": ref("term"),
                    "exemptions": arr(obj({"text": s, "source": src}, ["text", "source"])), "source": src}, ["code", "payBefore", "source"],
                   anyOf=[{"required": ["mci"]}, {"required": ["tenge"]}])),
   "terms": arr(ref("termRule"), minItems=1),
   "extension": obj({"maxTerms": arr(ref("termRule"), minItems=1), "noticeForm": s, "noticeWithin": ref("term"), "source": src}, ["maxTerms", "noticeForm", "noticeWithin", "source"]),
   "hearing": obj({"noticeForm": s, "noticeBeforeTermEnd": ref("term"), "hearingWithin": ref("term"), "source": src}, ["noticeForm", "noticeBeforeTermEnd", "hearingWithin", "source"]),
   "process": obj({"initial": s, "states": arr(ref("state"), minItems=1)}, ["initial", "states"]),
   "refusalGrounds": arr(obj({"code": s, "text": ref("text"), "check": s, "source": src}, ["code", "text", "source"])),
   "forms": arr(obj({"id": s, "kind": {"enum": ["certificate", "refusal", "interim-reply", "extension-notice", "hearing-notice", "collection-notice", "e-notice", "payment-notice"]},
                     "title": ref("text"), "requires": arr(s), "facts": arr(s),
                     "statements": arr(obj({"when": ref("condition"), "text": ref("text")}, ["text"]), minItems=1),
                     "bilingual": boolean, "signedBy": s, "ourDesign": boolean, "source": src}, ["id", "kind", "title", "statements", "source"]), minItems=1),
   "results": arr(obj({"outcome": s, "when": ref("condition"), "form": s, "format": {"enum": ["paper", "electronic"]}, "copies": {"type": "integer", "minimum": 1},
                       "delivery": {"enum": ["personal-cabinet", "branch"]}, "atBranchBefore": ref("term"), "source": src},
                      ["outcome", "form", "format", "copies", "delivery", "source"]), minItems=1),
   "storage": arr(obj({"when": ref("condition"), "format": {"enum": ["paper", "electronic"]}, "from": {"enum": ["arrival", "issue"]},
                       "steps": arr(obj({"at": {"enum": ["branch", "provider"]}, "period": ref("term")}, ["at"]), minItems=1),
                       "finally": {"enum": ["filed", "returned-to-provider"]}, "recallWithin": ref("term"), "note": s, "source": src}, ["format", "from", "steps", "source"])),
   "homeVisit": obj({"text": s, "source": src}, ["text", "source"]),
   "queue": obj({"keepsPositions": boolean, "source": src}, ["keepsPositions", "source"]),
 }, ["code", "shortCode", "title", "regulation", "provider", "routing", "parties", "channels", "providerHours", "scenarios", "documents", "fields",
     "gateway", "terms", "process", "refusalGrounds", "forms", "results"]),
 "query": obj({"query": {"enum": ["persons.identity", "military.registration", "military.protocol-book", "penalties.administrative", "criminal.records", "documents.digital", "payments.status"]},
               "about": person, "facts": arr(s), "source": src}, ["query", "about"]),
}
schema = {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": "https://qyzmet.kz/schemas/catalogue/act-version.schema.json",
  "title": "Qyzmet catalogue: one version of an act",
  "description": "A full snapshot of the services one version of a regulation defines, in force from effectiveFrom until effectiveUntil (or the next version). Every rule carries the seed file and line it comes from.",
  "type": "object", "additionalProperties": False, "required": ["act", "title", "effectiveFrom", "source", "services"],
  "properties": {"$schema": s, "act": {"type": "string", "pattern": "^[a-z0-9-]+$"}, "title": s, "effectiveFrom": date, "effectiveUntil": date, "datesNote": s, "source": src,
                 "services": arr(ref("service"))},
  "$defs": defs}
json.dump(schema, open('Shared/Rules/Resources/catalogue/schema/act-version.schema.json', 'w'), indent=2)
