import json
S3 = "seeds/003_6b79a9d5d8cd3b4b.txt "
def L(x): return S3 + "L" + x
def T(en, kk, ru=None):
    t = {"en": en, "kk": kk}
    if ru: t["ru"] = ru
    return t
wd = lambda n: {"amount": n, "unit": "working-days"}
provider_hours = {"weekdays": [1,2,3,4,5], "opensAt": "09:00", "closesAt": "18:30", "lunch": {"from": "13:00", "to": "14:30"}, "source": L("243")}
sc_hours = {"weekdays": [1,2,3,4,5], "opensAt": "09:00", "closesAt": "18:00", "source": L("245")}
portal_hours = dict(provider_hours, roundTheClock=True, source=L("249") + " (after the end of the working day, on days off and holidays: accepted the next working day)")
record_findings = {"on": "record-findings", "by": "executor", "requires": ["findings"], "label": "Record what the records say",
  "findings": [{"name": "criminalRecord", "values": ["none", "present", "expunged"], "required": True, "label": "what the records say of the subject"},
               {"name": "checkedAgainst", "label": "what was checked (card index, former names, archives)"}],
  "source": L("205") + ", L219"}
recorded = {"recorded": ["criminalRecord"]}
crc = {
  "code": "gp.criminal-record-certificate", "shortCode": "CRC",
  "title": T("Issue of a certificate of the presence or absence of a criminal record", "Соттылықтың болуы не болмауы туралы анықтама беру"),
  "regulation": {"standard": "Order 2 App 1 (Rules App 2)", "applicationForm": "Rules App 1", "source": L("16-36") + ", L160-348"},
  "provider": {"code": "CLSSA", "name": T("Committee on Legal Statistics and Special Accounts of the General Prosecutor's Office",
                                        "Бас прокуратураның Құқықтық статистика және арнайы есепке алу жөніндегі комитеті")},
  "routing": {"to": "provider", "source": L("193")},
  "parties": [
    {"kind": "individual", "source": L("18")},
    {"kind": "representative", "channels": ["state-corporation"], "documents": ["power-of-attorney"], "served": True,
     "note": "a representative files and collects under a notarised power of attorney", "source": L("233") + ", L266"},
    {"kind": "relative", "when": {"ageBelow": {"years": 18, "of": "subject"}}, "served": True,
     "note": "a certificate about a minor close relative: kinship from the information systems, else a birth certificate or its digital document; no consent of the minor",
     "source": L("268")},
    {"kind": "legal-entity", "served": False, "note": "a legal entity asking about a person is served with the Prosecutor General's services issue", "source": L("18") + ", L240"},
    {"kind": "former-data", "served": False, "note": "a request under former personal data is served with the Prosecutor General's services issue", "source": L("270")}
  ],
  "channels": [
    {"channel": "state-corporation", "signatureMethods": ["operator"], "hours": sc_hours, "queueLimitMinutes": 15, "source": L("196-198") + ", L213-215, L245-247"},
    {"channel": "portal", "signatureMethods": ["eds", "otp"], "hours": portal_hours, "source": L("200") + ", L249, L274"}
  ],
  "providerHours": provider_hours,
  "scenarios": [
    {"code": "self", "title": T("About the applicant", "Көрсетілетін қызметті алушының өзіне"), "source": L("229")},
    {"code": "third-party", "title": T("About another person", "Мәліметтер сұратылып отырған басқа адамға"), "source": L("231") + ", L276, L288"}
  ],
  "purposes": [
    {"code": "general", "title": T("General purpose: an electronic certificate", "Жалпы мақсат: электрондық анықтама"), "source": L("18") + ", L222"},
    {"code": "travel-abroad", "title": T("For travel abroad: a paper certificate", "Шет елге шығу үшін: қағаз анықтама"), "source": L("18") + ", L224"}
  ],
  "consent": [
    {"channels": ["portal"], "methods": ["cabinet", "otp", "sms"], "exemptParties": ["relative"],
     "validFor": {"amount": 30, "unit": "calendar-days"}, "source": L("276") + ", L288 (the 30-day validity is Qyzmet's reading: consent answers the portal's notification about this request)"},
    {"channels": ["state-corporation"], "methods": ["notarised-power-of-attorney"], "document": "power-of-attorney", "exemptParties": ["relative"],
     "source": L("231") + " (at the front office a certificate about another person needs that person's notarised power of attorney)"}
  ],
  "documents": [
    {"anyOf": ["id-card", "passport", "digital-id"], "attachedBy": "applicant", "required": True, "form": "original", "when": {"channel": ["state-corporation"]},
     "note": "for identification; a digital document only with its holder's consent", "source": L("264") + ", L278"},
    {"anyOf": ["power-of-attorney"], "attachedBy": "applicant", "required": True, "form": "original",
     "when": {"all": [{"channel": ["state-corporation"]}, {"party": ["representative"]}]}, "note": "when another person represents the applicant", "source": L("266")},
    {"anyOf": ["power-of-attorney"], "attachedBy": "applicant", "required": True, "form": "original",
     "when": {"all": [{"channel": ["state-corporation"]}, {"scenario": ["third-party"]}, {"not": {"party": ["relative"]}}]},
     "note": "the notarised power of attorney of the person the certificate is about", "source": L("231")},
    {"anyOf": ["birth-certificate", "digital-id"], "attachedBy": "applicant", "required": True,
     "when": {"all": [{"channel": ["state-corporation"]}, {"party": ["relative"]}]},
     "note": "kinship with the minor, needed only while the information systems lack it", "source": L("268")},
    {"anyOf": ["name-change-proof"], "attachedBy": "applicant", "required": True, "when": {"party": ["former-data"]},
     "note": "for former personal data absent from the information systems", "source": L("270")}
  ],
  "fields": [
    {"name": "apostille", "label": T("Apostille requested under the one-application principle", "\"Бір өтініш\" қағидаты бойынша апостиль"),
     "type": "boolean", "required": False, "source": L("226") + ", L233, L286"}
  ],
  "options": [
    {"field": "apostille", "refusal": "the apostille under the one-application principle is not provided by Qyzmet yet: apply for the certificate without it, and for the apostille at a State Corporation branch",
     "source": L("226") + ", L233, L286"}
  ],
  "gateway": {
    "intake": [{"query": "persons.identity", "about": "applicant", "source": L("264")},
               {"query": "persons.identity", "about": "subject", "source": L("231") + " (the person the certificate is about must be known)"}],
    "review": [{"query": "criminal.records", "about": "subject", "facts": ["criminalRecord"], "source": L("203") + " (the automated answer in 10 minutes)"}]
  },
  "terms": [
    {"when": {"all": [{"purpose": ["travel-abroad"]}, {"branchTier": ["capital", "republican-city", "oblast-centre"]}]}, "term": wd(5), "source": L("207-209")},
    {"when": {"purpose": ["travel-abroad"]}, "term": wd(10), "source": L("207") + ", L211"},
    {"term": {"amount": 10, "unit": "minutes"}, "source": L("203")}
  ],
  "process": {
    "initial": "gathering",
    "states": [
      {"id": "gathering", "status": "gathering-data", "holder": "system", "source": L("203"),
       "transitions": [
         {"on": "data-gathered", "by": "system", "guard": "records-clear", "target": "approved", "effects": [{"decide": "approved"}], "source": L("203")},
         {"on": "data-gathered", "by": "system", "guard": "records-need-check", "target": "additional-check", "effects": ["assign"], "source": L("205")},
         {"on": "data-gathered", "by": "system", "guard": "records-unavailable", "target": "executor-review", "effects": ["assign"],
          "source": "Qyzmet's reading: when the records cannot be read automatically, an officer of the Committee reads them"}]},
      {"id": "additional-check", "status": "additional-check", "holder": "executor", "serviceTerm": wd(5),
       "deadline": {"name": "interim reply", "term": wd(4), "from": "acceptance", "source": L("219")},
       "transitions": [
         record_findings,
         {"on": "approve", "by": "executor", "when": recorded, "target": "approved", "effects": [{"decide": "approved"}], "label": "Issue the certificate with the findings", "source": L("205")},
         {"on": "interim-reply", "by": "executor", "target": "check-continues", "effects": [{"notice": "interim-reply"}], "label": "Send the interim reply now", "source": L("219")},
         {"on": "timeout", "by": "timer", "after": wd(4), "target": "check-continues", "effects": [{"notice": "interim-reply"}], "source": L("219")}]},
      {"id": "check-continues", "status": "interim-reply", "holder": "executor",
       "deadline": {"name": "additional reference check", "term": wd(5), "from": "acceptance", "source": L("205")},
       "transitions": [
         record_findings,
         {"on": "complete-check", "by": "executor", "when": recorded, "target": "check-completed", "label": "Complete the check: the applicant re-applies after the interim reply's date",
          "source": L("219")}]},
      {"id": "executor-review", "status": "awaiting-executor", "holder": "executor",
       "deadline": {"name": "certificate", "from": "service-term", "source": L("203")},
       "transitions": [
         record_findings,
         {"on": "approve", "by": "executor", "when": recorded, "target": "approved", "effects": [{"decide": "approved"}], "label": "Issue the certificate with the findings", "source": L("229")}]},
      {"id": "approved", "status": "approved", "holder": "system", "final": True, "transitions": []},
      {"id": "check-completed", "status": "check-completed", "holder": "system", "final": True, "transitions": []}
    ]
  },
  "refusalGrounds": [],
  "forms": [
    {"id": "Rules App 4", "kind": "certificate", "ourDesign": True,
     "title": T("Certificate of the presence or absence of a criminal record", "Соттылықтың болуы не болмауы туралы анықтама", "Справка о наличии либо отсутствии судимости"),
     "requires": ["criminalRecord"],
     "statements": [
       {"when": {"fact": {"name": "criminalRecord", "in": ["none", "expunged"]}},
        "text": T("As of {asOf}, {holderName}, born {holderBirthDate} in {holderBirthPlace}, has no criminal record.",
                  "{asOf} жағдай бойынша {holderName}, {holderBirthDate} {holderBirthPlace} туған, соттылығы жоқ.",
                  "По состоянию на {asOf} {holderName}, {holderBirthDate} года рождения, место рождения {holderBirthPlace}, судимости не имеет.")},
       {"when": {"fact": {"name": "criminalRecord", "in": ["present"]}},
        "text": T("As of {asOf}, {holderName}, born {holderBirthDate} in {holderBirthPlace}, has a criminal record.",
                  "{asOf} жағдай бойынша {holderName}, {holderBirthDate} {holderBirthPlace} туған, соттылығы бар.",
                  "По состоянию на {asOf} {holderName}, {holderBirthDate} года рождения, место рождения {holderBirthPlace}, имеет судимость.")}],
     "signedBy": "the Committee's EDS",
     "source": L("229") + "; Rules App 4 is cited but not amended by order 2, so not in the seeds: this layout follows App 5 without the travel line"},
    {"id": "Rules App 5", "kind": "certificate", "bilingual": True,
     "title": T("Certificate of the presence or absence of a criminal record (for travel abroad)", "Соттылықтың болуы не болмауы туралы анықтама", "Справка о наличии либо отсутствии судимости"),
     "requires": ["criminalRecord"],
     "statements": [
       {"when": {"fact": {"name": "criminalRecord", "in": ["none", "expunged"]}},
        "text": T("{holderName}, born {holderBirthDate} in {holderBirthPlace}: as of {asOf}, has no criminal record. This certificate is issued for travel abroad.",
                  "{holderName}, {holderBirthDate}, {holderBirthPlace}: {asOf} жағдай бойынша соттылығы жоқ. Осы анықтама шет елге шығу үшін беріледі.",
                  "{holderName}, {holderBirthDate}, {holderBirthPlace}: по состоянию на {asOf} судимости не имеет. Настоящая справка выдается для выезда за границу.")},
       {"when": {"fact": {"name": "criminalRecord", "in": ["present"]}},
        "text": T("{holderName}, born {holderBirthDate} in {holderBirthPlace}: as of {asOf}, has a criminal record. This certificate is issued for travel abroad.",
                  "{holderName}, {holderBirthDate}, {holderBirthPlace}: {asOf} жағдай бойынша соттылығы бар. Осы анықтама шет елге шығу үшін беріледі.",
                  "{holderName}, {holderBirthDate}, {holderBirthPlace}: по состоянию на {asOf} имеет судимость. Настоящая справка выдается для выезда за границу.")}],
     "signedBy": "Head of Department (Басқарма бастығы / Начальник управления)", "source": L("300-348")},
    {"id": "interim-reply", "kind": "interim-reply", "ourDesign": True,
     "title": T("Interim reply: additional reference check", "Аралық жауап: қосымша анықтамалық тексеріс", "Промежуточный ответ: дополнительная справочная проверка"),
     "statements": [{"text": T("An additional reference check of the records is being carried out. Please apply again after {reapplyAfter}.",
                               "Қосымша анықтамалық тексеріс жүргізілуде. {reapplyAfter} кейін қайта жүгініңіз.",
                               "Проводится дополнительная справочная проверка. Просим обратиться повторно после {reapplyAfter}.")}],
     "source": L("219") + " (the interim reply is named, its form is not given)"}
  ],
  "results": [
    {"outcome": "approved", "when": {"purpose": ["travel-abroad"]}, "form": "Rules App 5", "format": "paper", "copies": 1, "delivery": "branch", "source": L("224") + ", L229, L233"},
    {"outcome": "approved", "form": "Rules App 4", "format": "electronic", "copies": 1, "delivery": "personal-cabinet",
     "source": L("18") + ", L222, L229 (the general certificate is electronic on both channels; a front office prints the electronic document for the applicant)"},
    {"outcome": "interim-reply", "form": "interim-reply", "format": "electronic", "copies": 1, "delivery": "personal-cabinet", "source": L("219")}
  ],
  "storage": [
    {"format": "paper", "from": "arrival", "steps": [{"at": "branch", "period": {"amount": 1, "unit": "calendar-months"}}, {"at": "provider", "period": {"amount": 2, "unit": "calendar-months"}}],
     "finally": "filed", "recallWithin": wd(1), "source": L("235-237")}
  ],
  "homeVisit": {"text": "Applicants whose health limits their daily life ask the contact centre 1414 for a State Corporation employee to take the documents at home", "source": L("284")}
}
act = {
  "act": "gp-order-64", "title": "Rules of state services of the Committee on Legal Statistics and Special Accounts (Prosecutor General order No. 64 of 18.05.2020) as amended by Prosecutor General order No. 2 of 05.01.2022",
  "effectiveFrom": "2022-01-25",
  "datesNote": "Order 2 was registered on 13.01.2022 (No. 26482) and takes effect ten calendar days after its first official publication (L142); the publication date is not in the text. Inferred: published on 14.01.2022, so in force from 25.01.2022. To be confirmed.",
  "source": S3 + "L1-6, L142",
  "services": [crc]
}
json.dump(act, open('Shared/Rules/Resources/catalogue/acts/gp-order-64/2022-01-25.json', 'w'), ensure_ascii=False, indent=2)
