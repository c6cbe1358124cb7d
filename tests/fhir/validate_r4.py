"""Validates backcare's FHIR output against the FHIR R4 (4.0.1) specification.

Usage: validate_r4.py QUESTIONNAIRE [RESPONSE ...]

Each file is loaded, strictly, into the R4 models of the `fhir.resources` package (5.1.x, the
line generated from FHIR 4.0.1): wrong types, missing required elements and unknown elements are
errors. The coded values those models leave as plain strings (status, item type, enableWhen
operator) are checked against the R4 value sets, and each response against the questionnaire:
every linkId exists, and every answer has the type and one of the options its item allows.
Prints one line per problem and exits with 1 when there are any.
"""

import json
import sys

import fhir.resources
from fhir.resources.questionnaire import Questionnaire
from fhir.resources.questionnaireresponse import QuestionnaireResponse

# http://hl7.org/fhir/R4/valueset-publication-status.html and the other R4 value sets named.
PUBLICATION_STATUS = {"draft", "active", "retired", "unknown"}
ITEM_TYPES = {"group", "display", "boolean", "decimal", "integer", "date", "dateTime", "time",
              "string", "text", "url", "choice", "open-choice", "attachment", "reference",
              "quantity", "question"}
OPERATORS = {"exists", "=", "!=", ">", "<", ">=", "<="}
BEHAVIORS = {"all", "any"}
RESPONSE_STATUS = {"in-progress", "completed", "amended", "entered-in-error", "stopped"}
VALUE_FOR_TYPE = {"boolean": "valueBoolean", "integer": "valueInteger", "choice": "valueCoding"}

problems = []


def problem(name, text):
    problems.append(f"{name}: {text}")


def load(path, model):
    with open(path, encoding="utf-8") as f:
        data = json.load(f)
    try:
        model(data, strict=True)
    except Exception as error:  # the models raise a FHIRValidationError listing every fault
        problem(path, f"not a valid FHIR R4 {model.__name__}: {error}")
    return data


def walk(items, into):
    for item in items or []:
        into.append(item)
        walk(item.get("item"), into)


def check_questionnaire(path, q):
    if q.get("status") not in PUBLICATION_STATUS:
        problem(path, f"status {q.get('status')!r} is not a publication status")
    items = []
    walk(q.get("item"), items)
    seen = {}
    for item in items:
        link = item["linkId"]
        if link in seen:
            problem(path, f"linkId {link!r} is not unique (que-2)")
        seen[link] = item
        if item.get("type") not in ITEM_TYPES:
            problem(path, f"{link}: type {item.get('type')!r} is not an R4 item type")
        if item.get("type") == "display" and item.get("item"):
            problem(path, f"{link}: a display item has items (que-1)")
        if item.get("type") == "group" and not item.get("item"):
            problem(path, f"{link}: a group has no items (que-1)")
        checks = item.get("enableWhen", [])
        if len(checks) > 1 and item.get("enableBehavior") not in BEHAVIORS:
            problem(path, f"{link}: several enableWhen without enableBehavior (que-12)")
        for check in checks:
            if check["operator"] not in OPERATORS:
                problem(path, f"{link}: operator {check['operator']!r} is not an R4 operator")
            target = seen.get(check["question"])
            if target is None:
                problem(path, f"{link}: enableWhen names {check['question']!r}, no earlier item")
                continue
            answer = [k for k in check if k.startswith("answer")]
            if check["operator"] == "exists":
                if answer != ["answerBoolean"]:
                    problem(path, f"{link}: exists takes answerBoolean (que-7)")
            elif answer != [VALUE_FOR_TYPE.get(target["type"], "").replace("value", "answer")]:
                problem(path, f"{link}: {answer} does not fit {target['linkId']}'s type")
    return seen


def check_response(path, r, questions):
    if r.get("status") not in RESPONSE_STATUS:
        problem(path, f"status {r.get('status')!r} is not a response status")
    items = []
    walk(r.get("item"), items)
    for item in items:
        link = item["linkId"]
        question = questions.get(link)
        if question is None:
            problem(path, f"linkId {link!r} is not in the questionnaire")
            continue
        answers = item.get("answer", [])
        if len(answers) > 1 and not question.get("repeats"):
            problem(path, f"{link}: several answers to an item that does not repeat")
        expected = VALUE_FOR_TYPE.get(question["type"])
        options = {
            (o["valueCoding"].get("system"), o["valueCoding"]["code"])
            for o in question.get("answerOption", [])
        }
        for answer in answers:
            kinds = [k for k in answer if k.startswith("value")]
            if kinds != [expected]:
                problem(path, f"{link}: answer {kinds} where {question['type']} takes {expected}")
            elif expected == "valueCoding":
                coding = answer["valueCoding"]
                if (coding.get("system"), coding.get("code")) not in options:
                    problem(path, f"{link}: {coding.get('code')!r} is not one of its options")


def main(paths):
    if not paths:
        print(__doc__)
        return 2
    print(f"fhir.resources {fhir.resources.__version__}, FHIR {fhir.resources.__fhir_version__}")
    if fhir.resources.__fhir_version__ != "4.0.1":
        problem("validator", "this fhir.resources is not the FHIR R4 (4.0.1) line")
    questionnaire = load(paths[0], Questionnaire)
    questions = check_questionnaire(paths[0], questionnaire)
    for path in paths[1:]:
        check_response(path, load(path, QuestionnaireResponse), questions)
    for line in problems:
        print(line)
    print(f"{len(paths)} file(s) checked, {len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
