"""Run by .venv-ralph's Python (tests/lrs/__init__.py): reads a JSON list of xAPI statements
on stdin, prints a JSON list of what Ralph's own xAPI models say is wrong with them (empty
when every one is valid): each against the base statement model, and its verb against the
verb model of its vocabulary where Ralph has one."""

import json
import sys

from pydantic import ValidationError
from ralph.models.xapi.base.statements import BaseXapiStatement
from ralph.models.xapi.concepts.verbs.adl_vocabulary import AnsweredVerb
from ralph.models.xapi.concepts.verbs.scorm_profile import CompletedVerb

VERBS = {model.model_fields["id"].default: model for model in (AnsweredVerb, CompletedVerb)}

errors = []
for statement in json.load(sys.stdin):
    try:
        BaseXapiStatement.model_validate(statement)
        verb = VERBS.get(statement["verb"]["id"])
        if verb:
            verb.model_validate(statement["verb"])
    except ValidationError as error:
        errors.append(f"{statement.get('id')}: {error}")
print(json.dumps(errors))
