"""Reference validation for the agreement test of package dmp (TestSchemaAgreesWithJSONSchema).

Reads a JSON Schema file (argv[1]) and JSON documents on standard input, one per line; prints, per document, one
line: the JSON array of its errors as [path, keyword] pairs, sorted, from the jsonschema package's draft 2020-12
validator with formats as annotations (no format checker). Paths are written as package dmp writes them:
"dmp.dataset[0].title"; a missing required property is reported at the path it should have.
"""
import json
import re
import sys

from jsonschema import Draft202012Validator

REQUIRED = re.compile(r"^'(.*)' is a required property$")


def main():
    with open(sys.argv[1], encoding="utf-8") as f:
        validator = Draft202012Validator(json.load(f))
    for line in sys.stdin:
        doc = json.loads(line)
        out = []
        for err in validator.iter_errors(doc):
            path = ""
            for p in err.absolute_path:
                if isinstance(p, int):
                    path += "[%d]" % p
                else:
                    path = path + "." + p if path else p
            if err.validator == "required":
                name = REQUIRED.match(err.message).group(1)
                path = path + "." + name if path else name
            out.append([path, err.validator])
        out.sort()
        print(json.dumps(out))


if __name__ == "__main__":
    main()
