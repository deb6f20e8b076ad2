import json
T = lambda en: {"en": en, "kk": en}
wd = lambda n: {"amount": n, "unit": "working-days"}
hours = {"weekdays": [1,2,3,4,5], "opensAt": "09:00", "closesAt": "18:00", "lunch": {"from": "13:00", "to": "14:00"}, "source": "test"}
service = {
  "code": "test.paid-hearing", "shortCode": "TPH", "title": T("Test-only service: a paid service with an extension and a preliminary-refusal hearing"),
  "regulation": {"source": "test-only: exercises fees, extensions and hearings that the apostille and archival services of issue 7 need"},
  "provider": {"code": "CLSSA", "name": T("Committee on Legal Statistics and Special Accounts")},
  "routing": {"to": "provider", "source": "test"},
  "parties": [{"kind": "individual", "source": "test"}],
  "channels": [{"channel": "portal", "signatureMethods": ["eds", "otp"], "hours": dict(hours, roundTheClock=True), "source": "test"}],
  "providerHours": hours,
  "scenarios": [{"code": "self", "title": T("About the applicant")}],
  "documents": [], "fields": [],
  "gateway": {"intake": [{"query": "persons.identity", "about": "applicant"}], "review": []},
  "fees": [{"code": "state-duty", "mci": 0.5, "per": "per-application", "payBefore": "processing", "payWithin": wd(2), "source": "test (as the apostille: 0.5 MCI, Tax Code art. 615)"}],
  "terms": [{"term": dict(wd(10), upTo=True), "source": "test"}],
  "extension": {"maxTerms": [{"term": wd(30), "source": "test"}], "noticeForm": "extension-notice", "noticeWithin": wd(1), "source": "test"},
  "hearing": {"noticeForm": "hearing-notice", "noticeBeforeTermEnd": wd(3), "hearingWithin": wd(2), "source": "test (as the apostille, 003 L54)"},
  "process": {"initial": "gathering", "states": [
    {"id": "gathering", "status": "gathering-data", "holder": "system", "transitions": [
      {"on": "data-gathered", "by": "system", "target": "awaiting-payment", "effects": ["checkPayment"]}]},
    {"id": "awaiting-payment", "status": "awaiting-payment", "holder": "applicant",
     "deadline": {"name": "state duty", "term": wd(2), "from": "entered", "source": "test"},
     "transitions": [
      {"on": "payment-checked", "by": "system", "guard": "payment-confirmed", "target": "executor-review", "effects": ["assign"]},
      {"on": "payment-checked", "by": "system", "guard": "payment-missing"},
      {"on": "timeout", "by": "timer", "after": wd(2), "target": "unpaid", "effects": [{"decide": "refused"}], "source": "test"}]},
    {"id": "executor-review", "status": "awaiting-executor", "holder": "executor",
     "deadline": {"name": "result", "from": "service-term", "source": "test"},
     "transitions": [
      {"on": "approve", "by": "executor", "target": "approved", "effects": [{"decide": "approved"}]},
      {"on": "extend", "by": "executor", "requires": ["term"], "effects": ["extendTerm", {"notice": "extension-notice"}], "label": "Extend the term, notify the applicant"},
      {"on": "schedule-hearing", "by": "executor", "requires": ["hearing-at"], "target": "hearing-scheduled",
       "effects": ["scheduleHearing", {"notice": "hearing-notice"}], "label": "Preliminary refusal: notify and invite to a hearing"}]},
    {"id": "hearing-scheduled", "status": "hearing-scheduled", "holder": "executor",
     "deadline": {"name": "result", "from": "service-term", "source": "test"},
     "transitions": [{"on": "record-hearing", "by": "executor", "requires": ["hearing-outcome"], "target": "hearing-held", "effects": ["recordHearing"]}]},
    {"id": "hearing-held", "status": "awaiting-executor", "holder": "executor",
     "deadline": {"name": "result", "from": "service-term", "source": "test"},
     "transitions": [
      {"on": "refuse", "by": "executor", "guard": "hearing-held", "requires": ["grounds", "motivation"], "target": "refused", "effects": [{"decide": "refused"}]},
      {"on": "approve", "by": "executor", "target": "approved", "effects": [{"decide": "approved"}]}]},
    {"id": "approved", "status": "approved", "holder": "system", "final": True, "transitions": []},
    {"id": "refused", "status": "refused", "holder": "system", "final": True, "transitions": []},
    {"id": "unpaid", "status": "refused", "holder": "system", "final": True, "transitions": []}]},
  "refusalGrounds": [{"code": "unreliable-data", "text": T("The documents or the data in them were found to be unreliable"), "source": "test"}],
  "forms": [
    {"id": "certificate", "kind": "certificate", "title": T("Test certificate"), "statements": [{"text": T("{holderName} was served.")}], "source": "test"},
    {"id": "refusal", "kind": "refusal", "title": T("Motivated refusal"), "statements": [{"text": T("Refused on the grounds: {grounds}. {motivation}")}], "source": "test"},
    {"id": "unpaid-refusal", "kind": "refusal", "title": T("Refusal: the state duty was not paid"), "requires": ["payment"], "facts": ["paidTenge", "dueTenge"],
     "statements": [{"text": T("The state duty of {dueTenge} tenge was not paid in time (paid: {paidTenge} tenge).")}], "source": "test"},
    {"id": "extension-notice", "kind": "extension-notice", "title": T("Notice of an extended term"), "statements": [{"text": T("The term is extended; the result is due on {newDueDate}.")}], "source": "test"},
    {"id": "hearing-notice", "kind": "hearing-notice", "title": T("Preliminary decision to refuse and invitation to a hearing"),
     "statements": [{"text": T("The provider intends to refuse. You may state your position at a hearing at {hearingAt}.")}], "source": "test"}],
  "results": [
    {"outcome": "approved", "form": "certificate", "format": "electronic", "copies": 1, "delivery": "personal-cabinet", "source": "test"},
    {"outcome": "refused", "when": {"fact": {"name": "payment", "in": ["unpaid", "short", "late"]}}, "form": "unpaid-refusal", "format": "electronic", "copies": 1, "delivery": "personal-cabinet", "source": "test"},
    {"outcome": "refused", "form": "refusal", "format": "electronic", "copies": 1, "delivery": "personal-cabinet", "source": "test"},
    {"outcome": "extension-notice", "form": "extension-notice", "format": "electronic", "copies": 1, "delivery": "personal-cabinet", "source": "test"},
    {"outcome": "hearing-notice", "form": "hearing-notice", "format": "electronic", "copies": 1, "delivery": "personal-cabinet", "source": "test"}]
}
act = {"act": "test-act", "title": "Test-only act: fees, extensions, hearings", "effectiveFrom": "2020-01-01", "datesNote": "test-only, loaded only from QYZMET_CATALOGUE_EXTRA",
       "source": "test", "services": [service]}
json.dump(act, open('Tests/StackTests/Fixtures/catalogue/acts/test-act/2020-01-01.json', 'w'), indent=2)
