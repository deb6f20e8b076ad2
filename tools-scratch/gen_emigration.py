import json
S0 = "seeds/000_1912aead695fe160.txt "
def L(x): return S0 + "L" + x
def T(en, kk): return {"en": en, "kk": kk}
wd = lambda n: {"amount": n, "unit": "working-days"}
provider_hours = {"weekdays": [1,2,3,4,5], "opensAt": "09:00", "closesAt": "18:00", "lunch": {"from": "13:00", "to": "14:00"}, "source": L("1857")}
sc_hours = {"weekdays": [1,2,3,4,5,6], "opensAt": "09:00", "closesAt": "20:00", "source": L("1859")}
portal_hours = dict(provider_hours, roundTheClock=True, source=L("1857") + "; the portal takes applications at any hour, and those after the provider's hours count from the next working day (para 91 schedule)")
emigration = {
  "code": "mod.emigration-certificate", "shortCode": "EMG",
  "title": T("Issue of certificates to citizens leaving Kazakhstan for permanent residence abroad",
             "Қазақстан Республикасынан тыс жерлерге тұрақты тұру үшін шығатын азаматтарға анықтамалар беру"),
  "regulation": {"paragraph": "91", "standard": "App 35", "applicationForm": "App 48", "refusalToAcceptForm": "App 30",
                 "source": L("187-205") + ", L1806-1905, L2030-2086"},
  "provider": {"code": "LMAB", "name": T("Local military administration body (defence affairs department)", "ҚР ҚМ жергілікті әскери басқару органы")},
  "routing": {"to": "addressed-authority", "field": "addresseeOffice", "frontOfficeAtResidence": True,
              "source": L("2040-2045") + " (App 48 is addressed to a defence affairs department); L1861 (reception by the place of permanent registration or temporary residence)"},
  "parties": [
    {"kind": "individual", "source": L("1876-1892") + " (the citizen leaving applies in person or on the portal)"},
    {"kind": "representative", "channels": ["state-corporation"], "documents": ["power-of-attorney"], "served": True,
     "note": "a representative collects the ready certificate under a notarised power of attorney (para 94)", "source": L("235")}
  ],
  "channels": [
    {"channel": "state-corporation", "signatureMethods": ["operator"], "hours": sc_hours, "queueLimitMinutes": 15, "source": L("1830-1832") + ", L1841-1843, L1859"},
    {"channel": "portal", "signatureMethods": ["eds", "otp"], "hours": portal_hours, "source": L("1834") + ", L1886"}
  ],
  "providerHours": provider_hours,
  "scenarios": [
    {"code": "conscript", "title": T("Conscript holding a certificate of registration at a conscription precinct", "Әскерге шақырылушы"), "source": L("1880")},
    {"code": "reservist", "title": T("Reserve officer, sergeant or soldier holding a military ID or temporary certificate", "Запастағы офицер, сержант, сарбаз"), "source": L("1880")}
  ],
  "documents": [
    {"anyOf": ["id-card", "digital-id"], "attachedBy": "applicant", "required": True, "form": "original", "when": {"channel": ["state-corporation"]},
     "note": "for identification; a digital document only with its holder's consent", "source": L("1878") + ", L1900-1902"},
    {"anyOf": ["registration-certificate"], "attachedBy": "applicant", "required": True, "form": "original",
     "when": {"all": [{"channel": ["state-corporation"]}, {"scenario": ["conscript"]}]}, "note": "surrendered with the application", "source": L("1880") + ", L2036"},
    {"anyOf": ["military-id", "temporary-certificate"], "attachedBy": "applicant", "required": True, "form": "original",
     "when": {"all": [{"channel": ["state-corporation"]}, {"scenario": ["reservist"]}]}, "note": "surrendered with the application", "source": L("1880") + ", L2036"},
    {"anyOf": ["emigration-proof"], "attachedBy": "applicant", "required": True, "form": "original", "when": {"channel": ["state-corporation"]}, "source": L("1882")},
    {"anyOf": ["registration-certificate"], "attachedBy": "applicant", "required": True, "form": "electronic-copy",
     "when": {"all": [{"channel": ["portal"]}, {"scenario": ["conscript"]}]}, "source": L("1888")},
    {"anyOf": ["military-id", "temporary-certificate"], "attachedBy": "applicant", "required": True, "form": "electronic-copy",
     "when": {"all": [{"channel": ["portal"]}, {"scenario": ["reservist"]}]}, "source": L("1888")},
    {"anyOf": ["emigration-proof"], "attachedBy": "applicant", "required": True, "form": "electronic-copy", "when": {"channel": ["portal"]}, "source": L("1890")},
    {"anyOf": ["id-card"], "attachedBy": "gateway", "required": True, "note": "identity document data from the state information systems", "source": L("1892")}
  ],
  "fields": [
    {"name": "addresseeOffice", "label": T("Defence affairs department (oblast, district or city) the application is addressed to",
      "Облысы, ауданы (қаласы) қорғаныс істері жөніндегі басқармасы (бөлімі)"), "type": "office", "required": True, "source": L("2040-2045")},
    {"name": "birthPlace", "label": T("Place of birth: village, settlement, district, oblast", "Туған жері – ауыл, кент, аудан, облыс"), "type": "string", "required": True, "source": L("2058-2060")},
    {"name": "maritalStatus", "label": T("Marital status", "Отбасы жағдайы"), "type": "string", "required": True, "source": L("2062-2064")},
    {"name": "registeredAddress", "label": T("Registered address (permanent or temporary residence)", "Тұрғылықты (уақытша болатын, тұратын) жері бойынша тіркелген мекенжайы"), "type": "string", "required": True, "source": L("2066-2068")},
    {"name": "lastWorkplace", "label": T("Last place of work and position held", "Соңғы жұмыс орны мен атқарған лауазымы"), "type": "string", "required": True, "source": L("2070-2072")},
    {"name": "secretInformationConsent", "label": T("I consent to the use of legally protected secret information contained in information systems",
      "Ақпараттық жүйелерде қамтылған заңмен қорғалатын құпияны құрайтын мәліметтерді пайдалануға келісемін"), "type": "boolean", "required": True, "mustBeTrue": True, "source": L("2076")}
  ],
  "gateway": {
    "intake": [{"query": "persons.identity", "about": "applicant", "source": L("1892") + "; para 85 (L81)"}],
    "review": [{"query": "military.registration", "about": "applicant", "facts": ["militaryStatus", "militaryDocument"],
                "source": "Qyzmet's choice: the executor checks the register before removing the applicant from it (L193)"}]
  },
  "terms": [{"term": wd(1), "source": L("189") + ", L1837"}],
  "process": {
    "initial": "gathering",
    "states": [
      {"id": "gathering", "status": "gathering-data", "holder": "system", "source": L("191"),
       "transitions": [{"on": "data-gathered", "by": "system", "target": "executor-review", "effects": ["assign"]}]},
      {"id": "executor-review", "status": "awaiting-executor", "holder": "executor",
       "deadline": {"name": "executor review and result for the head's signature", "term": wd(1), "from": "entered", "source": L("193")},
       "transitions": [
         {"on": "record-findings", "by": "executor", "label": "Record the removal from the register and the document surrendered",
          "requires": ["findings"],
          "findings": [
            {"name": "removedFromRegisterOn", "label": "date of removal from military registration (YYYY-MM-DD)"},
            {"name": "militaryDocument", "label": "the military registration document surrendered (type and number)"},
            {"name": "militaryDocumentSurrendered", "values": ["surrendered-to-provider", "with-migration-police"],
             "label": "where the original document is: surrendered with the application, or handed to the migration police on departure (portal)"}],
          "source": L("2036") + " (App 48 asks for removal from the register and surrender of the document), L1888"},
         {"on": "approve", "by": "executor", "target": "approved", "label": "Approve: the certificate for the head's signature",
          "when": {"recorded": ["removedFromRegisterOn", "militaryDocument", "militaryDocumentSurrendered"]},
          "effects": [{"decide": "approved"}], "source": L("193")},
         {"on": "refuse", "by": "executor", "target": "refused", "requires": ["grounds", "motivation"], "label": "Refuse on a ground of the standard",
          "effects": [{"decide": "refused"}], "source": L("199-203") + ", L1895-1897"}
       ]},
      {"id": "approved", "status": "approved", "holder": "system", "final": True, "transitions": []},
      {"id": "refused", "status": "refused", "holder": "system", "final": True, "transitions": []}
    ]
  },
  "refusalGrounds": [
    {"code": "unreliable-data", "text": T("The documents submitted and/or the data in them were found to be unreliable",
      "Көрсетілетін қызметті алушы ұсынған құжаттардың және (немесе) олардағы деректердің (мәліметтердің) нақты еместігі анықталды"),
     "check": "military-document-mismatch", "source": L("201") + ", L1895"},
    {"code": "non-compliance", "text": T("The applicant and/or the materials, data and information do not meet the requirements of the Rules",
      "Көрсетілетін қызметті алушының және (немесе) ұсынылған материалдардың, деректер мен мәліметтердің Қағидаларда белгіленген талаптарға сәйкес келмеуі"),
     "check": "military-registration-mismatch", "source": L("203") + ", L1897 (a wrong category, conscript for reservist or back, is a matter of this ground)"}
  ],
  "forms": [
    {"id": "App 49", "kind": "certificate", "ourDesign": True,
     "title": T("Certificate of removal from military registration in connection with departure from Kazakhstan for permanent residence",
                "Тұрақты тұру үшін Қазақстан Республикасынан кетуіне байланысты әскери есептен шығару туралы анықтама"),
     "requires": ["removedFromRegisterOn"], "facts": ["militaryDocument"],
     "statements": [
       {"text": T("{holderName}, born {holderBirthDate}, was removed from military registration on {removedFromRegisterOn} in connection with departure from the Republic of Kazakhstan for permanent residence.",
                  "{holderName}, {holderBirthDate} туған, Қазақстан Республикасынан тыс жерлерге тұрақты тұруға кетуіне байланысты {removedFromRegisterOn} әскери есептен шығарылды.")},
       {"when": {"fact": {"name": "militaryDocumentSurrendered", "in": ["surrendered-to-provider"]}},
        "text": T("The military registration document {militaryDocument} was surrendered to the defence affairs department.",
                  "{militaryDocument} есептік-әскери құжаты қорғаныс істері жөніндегі бөлімге тапсырылды.")},
       {"when": {"fact": {"name": "militaryDocumentSurrendered", "in": ["with-migration-police"]}},
        "text": T("The military registration document {militaryDocument} is handed to the migration police on departure.",
                  "{militaryDocument} есептік-әскери құжаты кету кезінде көші-қон полициясына тапсырылады.")}
     ],
     "signedBy": "head of the defence affairs department",
     "source": L("195") + ", L1849; App 49 is cited but not reproduced in the seeds: this wording is Qyzmet's design from the request of App 48 (L2036)"},
    {"id": "motivated-refusal", "kind": "refusal", "title": T("Motivated refusal to provide the state service", "Мемлекеттік қызмет көрсетуден бас тарту туралы дәлелді жауап"),
     "statements": [{"text": T("The provider refuses the certificate on the grounds: {grounds}. {motivation}", "Көрсетілетін қызметті беруші мына негіздер бойынша бас тартады: {grounds}. {motivation}")}],
     "source": L("195") + ", L1849 (a motivated refusal on the grounds of section 9 of the standard)"}
  ],
  "results": [
    {"outcome": "approved", "when": {"channel": ["state-corporation"]}, "form": "App 49", "format": "paper", "copies": 3, "delivery": "branch", "source": L("195") + ", L1849"},
    {"outcome": "approved", "when": {"channel": ["portal"]}, "form": "App 49", "format": "electronic", "copies": 1, "delivery": "personal-cabinet", "source": L("197") + ", L1849"},
    {"outcome": "refused", "when": {"channel": ["state-corporation"]}, "form": "motivated-refusal", "format": "paper", "copies": 1, "delivery": "branch", "source": L("195")},
    {"outcome": "refused", "when": {"channel": ["portal"]}, "form": "motivated-refusal", "format": "electronic", "copies": 1, "delivery": "personal-cabinet", "source": L("197")}
  ],
  "storage": [
    {"format": "paper", "from": "arrival", "steps": [{"at": "branch"}],
     "note": "Order 555 says nothing of uncollected results (the extraction: '[not in text]'). The one-month keeping and hand-back of Justice order 286 of 2007 (seeds/004 L131) is repealed and was written for other services. Reading: the certificate waits at the branch until it is collected, and is never made uncollectable; para 94 (L235) governs the hand-over.",
     "source": L("235") + "; seeds/004_491e81b0c67b6ded.txt L131 not applied (repealed, another service)"}
  ],
  "homeVisit": {"text": "Applicants whose health limits their daily life ask the contact centre 1414 for a State Corporation employee to take the documents at home", "source": L("1904")}
}
act = {
  "act": "mod-order-28", "title": "Rules of military registration of persons liable for military service and conscripts (MoD order No. 28 of 24.01.2017) as amended by MoD order No. 555 of 20.08.2021",
  "effectiveFrom": "2021-09-04",
  "datesNote": "Order 555 was registered on 23.08.2021 (No. 24076) and takes effect ten calendar days after its first official publication (para 5, L299); the publication date is not in the text. Inferred: published on 24.08.2021, the first day after registration, so in force from 04.09.2021. To be confirmed against the publication record.",
  "source": S0 + "L1-4, L299",
  "services": [emigration]
}
json.dump(act, open('Shared/Rules/Resources/catalogue/acts/mod-order-28/2021-09-04.json', 'w'), ensure_ascii=False, indent=2)
