#!/usr/bin/env python3
"""Refreshes Tessera's built-in directory roles from Microsoft's public roles reference.

Usage:
    python3 tools/roles/refresh_builtin_roles.py --docs <checkout of github.com/MicrosoftDocs/entra-docs>

Reads docs/identity/role-based-access-control/permissions-reference.md (the "All roles" table:
display name, template id, the "privileged" label) and, for each role, its include file
(includes/<anchor>.md, the "Actions" table), and rewrites
platform/common/src/main/resources/dev/tessera/common/built-in-directory-roles.json.

Only FACTS are taken from the reference: template ids, display names, the privileged flag and the
action strings. Descriptions are Tessera's own words and are kept from the current data file; a role
that is new in the reference gets an empty description, which BuiltInDirectoryRolesTest refuses, so
whoever refreshes writes one (one short sentence, never the reference's). A role whose include file
lists no actions keeps the actions it had. Standard library only.
"""
import argparse
import json
import pathlib
import re
import sys

REFERENCE = "docs/identity/role-based-access-control/permissions-reference.md"
DATA = pathlib.Path(__file__).resolve().parents[2] / \
    "platform/common/src/main/resources/dev/tessera/common/built-in-directory-roles.json"

ROW = re.compile(r"^>?\s*\|\s*\[(?P<name>[^\]]+)\]\(#(?P<anchor>[^)]+)\)\s*\|(?P<desc>.*)\|\s*(?P<id>[0-9a-fA-F-]{36})\s*\|\s*$")
TABLE_HEADER = re.compile(r"^>?\s*\|\s*(?P<first>[^|]+?)\s*\|")
ACTION_ROW = re.compile(r"^>?\s*\|\s*(?P<action>microsoft\.[A-Za-z0-9.]+/[^\s|]+)\s*\|")


def parse_table(reference_text):
    """[(name, anchor, templateId, privileged)] from the "All roles" table."""
    roles = []
    in_all_roles = False
    for line in reference_text.splitlines():
        if line.startswith("## "):
            in_all_roles = line.strip() == "## All roles"
            continue
        if not in_all_roles:
            continue
        m = ROW.match(line)
        if m:
            roles.append((m["name"].strip(), m["anchor"].strip(), m["id"].lower(), "privileged-label" in m["desc"]))
    return roles


def parse_actions(include_text):
    """Action strings of the include's "Actions" table(s), in order, without duplicates."""
    actions, in_actions = [], False
    for line in include_text.splitlines():
        header = TABLE_HEADER.match(line)
        if header and not ACTION_ROW.match(line) and "---" not in line:
            in_actions = header["first"].lower() == "actions"
            continue
        m = ACTION_ROW.match(line)
        if m and in_actions and m["action"] not in actions:
            actions.append(m["action"])
    return actions


def refresh(docs, current):
    reference = pathlib.Path(docs) / REFERENCE
    table = parse_table(reference.read_text(encoding="utf-8"))
    if len(table) < 100:
        sys.exit(f"only {len(table)} roles found in {reference}: has the page's layout changed?")
    old = {r["templateId"]: r for r in current}
    out, missing = [], []
    for name, anchor, template_id, privileged in table:
        include = reference.parent / "includes" / f"{anchor}.md"
        actions = parse_actions(include.read_text(encoding="utf-8")) if include.exists() else []
        before = old.get(template_id, {})
        if not actions:
            actions = before.get("allowedResourceActions", [])
        description = before.get("description", "")
        if not description:
            missing.append(name)
        out.append({"templateId": template_id, "displayName": name, "isPrivileged": privileged,
                    "description": description, "allowedResourceActions": actions})
    gone = sorted(r["displayName"] for t, r in old.items() if t not in {x["templateId"] for x in out})
    return sorted(out, key=lambda r: r["displayName"].lower()), missing, gone


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", required=True, help="root of an entra-docs checkout")
    parser.add_argument("--out", default=str(DATA), help="data file to rewrite")
    args = parser.parse_args()
    path = pathlib.Path(args.out)
    current = json.loads(path.read_text(encoding="utf-8")) if path.exists() else []
    roles, missing, gone = refresh(args.docs, current)
    path.write_text(json.dumps(roles, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"{len(roles)} roles written to {path}")
    for name in gone:
        print(f"removed (no longer in the reference): {name}")
    for name in missing:
        print(f"NEEDS A DESCRIPTION in our own words: {name}")


if __name__ == "__main__":
    main()
