#!/usr/bin/env python3
"""Fills built-in-directory-roles.json from an export of Microsoft Graph's built-in role definitions.

Usage: python3 tools/roles/merge_graph_export.py <roles.graph.json>

The export is the JSON answer of `GET https://graph.microsoft.com/beta/roleManagement/directory/roleDefinitions`
({"value": [...]}) of any tenant: built-in roles are the same everywhere. Facts taken from it: template id,
display name (as Graph names it, which is what Graph clients see), isPrivileged and every
rolePermissions[].allowedResourceActions. Descriptions stay ours: a role that is new here gets the description
from NEW_DESCRIPTIONS below (written by us) or the script stops. The member/guest default roles and the
deprecated device roles are left out: they are the default permissions of users, not roles an administrator
assigns. Roles we have that the export lacks are kept as they are.
"""
import json
import sys
from pathlib import Path

DATA = Path(__file__).resolve().parents[2] / "platform/common/src/main/resources/dev/tessera/common/built-in-directory-roles.json"

NOT_ASSIGNABLE = {
    "10dae51f-b6af-4016-8d66-8c2a99b929b3",  # Guest User
    "2af84b1e-32c8-42b7-82bc-daa82404023b",  # Restricted Guest User
    "a0b1b346-4d3e-4e8b-98f8-753987be4970",  # User
    "d405c6df-0af8-4e3b-95e4-4d06e542189e",  # Device Users (deprecated)
    "9c094953-4995-41c8-84c8-3ebb9b32c93f",  # Device Join (deprecated)
    "c34f683f-4d5a-4403-affd-6615e00e3a7f",  # Workplace Device Join (deprecated)
    "2b499bcd-da44-4968-8aec-78e1674fa64d",  # Device Managers (deprecated)
}

# Our own words for roles the earlier data did not have.
NEW_DESCRIPTIONS = {
    "AI Reader": "Looks at, without changing, how Copilot and the other AI services of Microsoft 365 are set up.",
    "On Premises Directory Sync Account": "The account the on-premises synchronisation engine signs in with; not for people.",
    "Teams External Collaboration Administrator": "Decides which outside domains, groups and users people in Teams may work with.",
    "Authentication Extensibility Password Administrator": "Lets a custom authentication extension raise password submission events.",
    "Purview Workload Content Reader": "Reads Microsoft 365 content through the Purview portal.",
    "Purview Workload Content Writer": "Reads and changes Microsoft 365 content through the Purview portal.",
    "Purview Workload Content Administrator": "Manages and purges Microsoft 365 content through the Purview portal.",
    "Customer Delegated Admin Relationship Administrator": "Runs the granular delegated-admin relationships partners hold with this tenant.",
    "Entra Backup Reader": "Sees the directory's backups and recovery jobs and may start a preview of a recovery.",
    "Entra Backup Administrator": "Runs directory backups and recoveries.",
    "Tenant Governance Administrator": "Runs every part of tenant governance.",
    "Tenant Governance Reader": "Reads everything tenant governance holds.",
    "Tenant Governance Relationship Administrator": "Opens and ends governance relationships with other tenants.",
    "Tenant Governance Relationship Reader": "Reads governance relationships with other tenants and what they cover.",
}


def main(export_path):
    export = json.loads(Path(export_path).read_text(encoding="utf-8"))["value"]
    ours = {role["templateId"]: role for role in json.loads(DATA.read_text(encoding="utf-8"))}
    merged = {}
    for role in export:
        template_id = (role.get("templateId") or role["id"]).lower()
        if not role.get("isBuiltIn") or template_id in NOT_ASSIGNABLE:
            continue
        actions = sorted({a for p in role.get("rolePermissions", []) for a in p.get("allowedResourceActions", [])})
        known = ours.get(template_id)
        description = known["description"] if known else NEW_DESCRIPTIONS.get(role["displayName"])
        if not description:
            sys.exit(f"{role['displayName']} ({template_id}) is new: write its description in NEW_DESCRIPTIONS")
        merged[template_id] = {
            "templateId": template_id,
            "displayName": role["displayName"],
            "isPrivileged": bool(role.get("isPrivileged")),
            "description": description,
            "allowedResourceActions": actions,
        }
    for template_id, role in ours.items():
        merged.setdefault(template_id, role)
    roles = sorted(merged.values(), key=lambda r: r["displayName"].lower())
    DATA.write_text(json.dumps(roles, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"{len(roles)} roles, {sum(1 for r in roles if not r['allowedResourceActions'])} without actions")


if __name__ == "__main__":
    main(sys.argv[1])
