#!/usr/bin/env python3
"""Generate the OpsHelm demo mailbox (demo/mailbox.jsonl) for the fictional MSP
"Northwind Harbor IT" (workspace config: demo/workspace.json).

Deterministic: fixed seed, fixed timestamps, no network. Re-running produces
byte-identical output.

Writes, next to this script:
  mailbox.jsonl   replay input (DESIGN.md section 6): Graph message lines, WhatsApp lines,
                  and two intentionally malformed lines
  expected.jsonl  the intended labels, one per input line, in the format read by
                  shared/samples/score.py (messageId, category, ticket, hasAsk,
                  hasPromise, promiseDue, exceptionReasons[, altTicketIds])
  README.md       what the demo contains, with counts per kind and the exception lines

usage: python3 demo/generate_demo.py [--check]
"""
import base64
import html
import json
import os
import random
import re
import struct
import sys
import zlib
from collections import Counter
from datetime import datetime, timedelta, timezone

HERE = os.path.dirname(os.path.abspath(__file__))
RNG = random.Random(20261109)

MAILBOX = "jonah.reyes@northwindharbor.com"
TZ_OFFSET = "-06:00"  # America/Chicago, CST (DST ended 2026-11-01)

URLSAFE = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
HEX = "0123456789ABCDEF"


def rand(alphabet, n):
    return "".join(RNG.choice(alphabet) for _ in range(n))


def graph_id():
    return "AAMkAD" + rand(URLSAFE, 142) + "AAA="


def conversation_id():
    return "AAQkAD" + rand(URLSAFE, 81) + "="


FOLDER_IDS = {
    "inbox": "AAMkADNwZDc1YjI4LTc0ZjEtNGQ2Mi1hMzM4LWQ5NjFiN2U1MmQxYwAuAAAAAADr7xJt0bXkRqRz3p1T0sPzAQB6hOQ9vUa1S6yZ0k2xq6m3AAAAAAEMAAA=",
    "sentitems": "AAMkADNwZDc1YjI4LTc0ZjEtNGQ2Mi1hMzM4LWQ5NjFiN2U1MmQxYwAuAAAAAADr7xJt0bXkRqRz3p1T0sPzAQB6hOQ9vUa1S6yZ0k2xq6m3AAAAAAEJAAA=",
    "Escalations": "AAMkADNwZDc1YjI4LTc0ZjEtNGQ2Mi1hMzM4LWQ5NjFiN2U1MmQxYwAuAAAAAADr7xJt0bXkRqRz3p1T0sPzAQB6hOQ9vUa1S6yZ0k2xq6m3AAAC4pV1AAA=",
}

# ---------------------------------------------------------------- people
def P(name, address):
    return {"name": name, "address": address}


JONAH = P("Jonah Reyes", MAILBOX)
OMAR = P("Omar Haddad", "omar.haddad@northwindharbor.com")
TESSA = P("Tessa Lindqvist", "tessa.lindqvist@northwindharbor.com")
BEN = P("Ben Okonkwo", "ben.okonkwo@northwindharbor.com")
KIRA = P("Kira Yamada", "kira.yamada@northwindharbor.com")
HELPDESK = P("Northwind Harbor Help Desk", "help@northwindharbor.com")
SNOW = P("Prairie Ridge CU IT Service Desk", "prairieridgecu@service-now.com")

DENISE = P("Denise Albright", "denise.albright@prairieridgecu.org")
LUIS = P("Luis Ortega", "luis.ortega@prairieridgecu.org")
CARLA = P("Carla Benson", "carla.benson@prairieridgecu.org")
HAROLD = P("Harold Brandt", "harold.brandt@prairieridgecu.org")
OKAFOR = P("Dr. Amara Okafor", "amara.okafor@lakeshorevet.com")
DELGADO = P("Miguel Delgado", "m.delgado@lakeshorevet.com")
JEN = P("Jen Whitaker", "jen.whitaker@lakeshorevet.com")
GRAHAM = P("Graham Pruitt", "graham.pruitt@callowayfinch.com")
SOFIA = P("Sofia Marchetti", "sofia.marchetti@callowayfinch.com")
RICK = P("Rick Santoro", "rick.santoro@ironwoodfreight.com")
MARISSA = P("Marissa Feld", "marissa.feld@ironwoodfreight.com")
HELEN = P("Helen Marsh", "helen.marsh@maplestreetmontessori.org")
ROSA = P("Rosa Jimenez", "office@maplestreetmontessori.org")
DYLAN = P("Dylan Shaw", "dylan.shaw@keystonetechdist.com")
LENA = P("Lena Hartwell", "lena@hartwellcpa.com")

PRCU = "Prairie Ridge Credit Union"
LVP = "Lakeshore Veterinary Partners"
CF = "Calloway & Finch Architects"
IFC = "Ironwood Freight Co."
MSM = "Maple Street Montessori"

SIG = ("Jonah Reyes\nSenior Systems Engineer | Northwind Harbor IT\n"
       "Office (312) 555-0147 | Help desk (312) 555-0140\nnorthwindharbor.com")
CW_FOOTER = "Reply to this email to add a note to the ticket.\nNorthwind Harbor Help Desk | (312) 555-0140"


# ---------------------------------------------------------------- time helpers
def T(s):
    """'2026-11-09 14:12' or '2026-11-09 14:12:07' (UTC) -> aware datetime."""
    fmt = "%Y-%m-%d %H:%M:%S" if s.count(":") == 2 else "%Y-%m-%d %H:%M"
    return datetime.strptime(s, fmt).replace(tzinfo=timezone.utc)


def iso(dt):
    return dt.strftime("%Y-%m-%dT%H:%M:%SZ")


def outlook_sent_line(dt):
    local = dt - timedelta(hours=6 if dt >= T("2026-11-01 07:00") else 5)  # CST / CDT
    return local.strftime("%A, %B ") + str(local.day) + local.strftime(", %Y ") + \
        local.strftime("%I:%M %p").lstrip("0")


def due(local):
    """'2026-11-09 17:00' local (CST) -> ISO with offset."""
    return local.replace(" ", "T") + ":00" + TZ_OFFSET


# ---------------------------------------------------------------- attachments
def tiny_png(w, h, rgb):
    def chunk(kind, data):
        c = kind + data
        return struct.pack(">I", len(data)) + c + struct.pack(">I", zlib.crc32(c) & 0xFFFFFFFF)
    raw = b"".join(b"\x00" + bytes(rgb) * w for _ in range(h))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b""))


def attachment(name, content_type, data=None, *, raw_b64=None, inline=False, content_id=None, size=None,
               modified="2026-11-09T00:00:00Z"):
    b64 = raw_b64 if raw_b64 is not None else base64.b64encode(data).decode("ascii")
    return {
        "@odata.type": "#microsoft.graph.fileAttachment",
        "id": "AAMkAD" + rand(URLSAFE, 150) + "=",
        "lastModifiedDateTime": modified,
        "name": name,
        "contentType": content_type,
        "size": size if size is not None else len(data) + 180,
        "isInline": inline,
        "contentId": content_id,
        "contentLocation": None,
        "contentBytes": b64,
    }


# ---------------------------------------------------------------- conversations
class Conv:
    def __init__(self):
        self.id = conversation_id()
        self.root = bytes(RNG.getrandbits(8) for _ in range(22))
        self.n = 0

    def next_index(self):
        data = self.root + b"".join(bytes(RNG.getrandbits(8) for _ in range(5)) for _ in range(self.n))
        self.n += 1
        return base64.b64encode(data).decode("ascii")


# ---------------------------------------------------------------- labels
def L(category, tid=None, customer=None, priority=None, status=None, ask=False, promise=False, due_at=None,
      exc=(), alt=None):
    ticket = None
    if tid:
        ticket = {"id": tid, "system": "ConnectWise" if tid.isdigit() else "ServiceNow",
                  "customer": customer, "priority": priority, "statusCue": status}
    lab = {"category": category, "ticket": ticket, "hasAsk": ask, "hasPromise": promise,
           "promiseDue": due_at, "exceptionReasons": list(exc)}
    if alt:
        lab["altTicketIds"] = list(alt)
    return lab


ENTRIES = []  # dicts: sort (datetime), seq, line (dict or str), label, kind, note


def text_to_html(text, extra=""):
    parts = []
    for ln in text.split("\n"):
        parts.append("<div>" + (html.escape(ln) if ln else "<br>") + "</div>")
    return ('<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8"></head>'
            '<body><div style="font-family:Calibri,Arial,sans-serif;font-size:11pt">' + "".join(parts) + extra +
            "</div></body></html>")


def preview_of(text):
    s = re.sub(r"\s+", " ", text).strip()
    return s[:255]


def ms_message_id():
    return "<" + rand("0123456789ABCDEF", 26) + "@CH0PR06MB" + rand("0123456789", 4) + ".namprd06.prod.outlook.com>"


def add_mail(sent, folder, frm, to, subject, body, *, label, kind, note="", cc=(), conv=None, html_body=False,
             html_extra="", headers=None, attachments=None, event=None, importance="normal", inference="focused",
             msgid=None, drop_id=False, truncate_at=None, delay=None):
    sent_dt = T(sent)
    if folder == "sentitems":
        received_dt = sent_dt
    else:
        received_dt = sent_dt + timedelta(seconds=delay if delay is not None else RNG.randint(4, 55))
    conv = conv or Conv()
    mid = graph_id()
    content = text_to_html(body, html_extra) if html_body else body
    m = {}
    if event:
        m["@odata.type"] = "#microsoft.graph.eventMessage"
    m.update({
        "@odata.etag": 'W/"CQAAABYAAAA' + rand(B64, 22) + '"',
        "id": mid,
        "createdDateTime": iso(received_dt),
        "lastModifiedDateTime": iso(received_dt),
        "changeKey": "CQAAABYAAAA" + rand(B64, 22),
        "categories": [],
        "receivedDateTime": iso(received_dt),
        "sentDateTime": iso(sent_dt),
        "hasAttachments": any(not a["isInline"] for a in (attachments or [])),
        "internetMessageId": msgid or ms_message_id(),
        "subject": subject,
        "bodyPreview": preview_of(body),
        "importance": importance,
        "parentFolderId": FOLDER_IDS[folder],
        "conversationId": conv.id,
        "conversationIndex": conv.next_index(),
        "isDeliveryReceiptRequested": False,
        "isReadReceiptRequested": False,
        "isRead": True,
        "isDraft": False,
        "webLink": "https://outlook.office365.com/owa/?ItemID=" + mid.replace("=", "%3D") +
                   "&exvsurl=1&viewmodel=ReadMessageItem",
        "inferenceClassification": inference,
        "body": {"contentType": "html" if html_body else "text", "content": content},
        "sender": {"emailAddress": dict(frm)},
        "from": {"emailAddress": dict(frm)},
        "toRecipients": [{"emailAddress": dict(p)} for p in to],
        "ccRecipients": [{"emailAddress": dict(p)} for p in cc],
        "bccRecipients": [],
        "replyTo": [],
        "flag": {"flagStatus": "notFlagged"},
    })
    if headers:
        m["internetMessageHeaders"] = [{"name": k, "value": v} for k, v in headers]
    if attachments:
        m["attachments"] = attachments
    if event:
        m.update(event)
    if drop_id:
        del m["id"]
        m["webLink"] = "https://outlook.office365.com/owa/?exvsurl=1&viewmodel=ReadMessageItem"
    line = {"mailbox": MAILBOX, "folder": folder, "message": m}
    if truncate_at:  # cut the serialized line short, inside the named field
        text = json.dumps(line)
        line = text[:text.index(truncate_at) + len(truncate_at) + 60]
    ENTRIES.append({"sort": sent_dt, "seq": len(ENTRIES), "line": line, "label": label, "kind": kind,
                    "note": note, "id": None if (drop_id or truncate_at) else mid})
    return conv


def add_whatsapp(sent, phone, name, text, *, label, kind, note=""):
    dt = T(sent)
    wamid = "wamid.HBgL" + rand(URLSAFE, 54)
    line = {"channel": "whatsapp",
            "message": {"from": phone, "id": wamid, "timestamp": str(int(dt.timestamp())), "type": "text",
                        "text": {"body": text}},
            "contacts": [{"profile": {"name": name}, "wa_id": phone}]}
    ENTRIES.append({"sort": dt, "seq": len(ENTRIES), "line": line, "label": label, "kind": kind, "note": note,
                    "id": wamid})


def event_fields(mtype, start, end, location, response_requested):
    return {
        "meetingMessageType": mtype,
        "type": "singleInstance",
        "isOutOfDate": False,
        "isAllDay": False,
        "isDelegated": False,
        "responseRequested": response_requested,
        "startDateTime": {"dateTime": start.replace(" ", "T") + ":00.0000000", "timeZone": "UTC"},
        "endDateTime": {"dateTime": end.replace(" ", "T") + ":00.0000000", "timeZone": "UTC"},
        "location": {"displayName": location, "locationType": "default", "uniqueIdType": "unknown"},
        "recurrence": None,
    }


def teams_block(meeting_id, passcode):
    return ("\n\n________________________________________________________________________________\n"
            "Microsoft Teams meeting\nJoin on your computer, mobile app or room device\n"
            "Click here to join the meeting\nMeeting ID: " + meeting_id + "\nPasscode: " + passcode +
            "\n________________________________________________________________________________")


def quote(frm, sent, to, subject, text):
    return ("\n\n________________________________\nFrom: " + frm["name"] + " <" + frm["address"] + ">\nSent: " +
            outlook_sent_line(T(sent)) + "\nTo: " + to["name"] + "\nSubject: " + subject + "\n\n" + text)


def sn_msgid():
    return "<" + rand("0123456789", 15) + "." + rand("0123456789", 5) + "." + rand("0123456789", 13) + \
        "@app41182.service-now.com>"


def cw_msgid():
    return "<" + rand("0123456789abcdef", 32) + "@na.myconnectwise.net>"


def sn_body(headline, number, table, short, who_label, who, priority, state, comment=None):
    kind = {"incident": "Incident", "sc_req_item": "Requested Item", "change_request": "Change Request"}[table]
    lines = [headline, "", "Short description: " + short, "Company: " + PRCU, who_label + ": " + who,
             "Priority: " + priority, "State: " + state, "Assignment group: Northwind Harbor Service Desk"]
    if comment:
        lines += ["", "Additional comments:", comment]
    lines += ["", "Click here to view " + kind + ": " + number,
              "https://prairieridgecu.service-now.com/nav_to.do?uri=" + table + ".do?sysparm_query=number=" + number,
              "", "Thank you,", "Prairie Ridge CU IT Service Desk"]
    return "\n".join(lines)


def cw_body(number, headline, summary, company, contact, priority, status, note_label, note, board="Help Desk"):
    return "\n".join([headline, "", "Summary: " + summary, "Company: " + company, "Contact: " + contact,
                      "Priority: " + priority, "Status: " + status, "Board: " + board, "", note_label + ":",
                      note, "", CW_FOOTER])


# ================================================================= the mailbox
# ---- threads (conversations) ---------------------------------------------
c_inc45123_sn = Conv()       # ServiceNow notifications for INC0045123
c_branch2 = Conv()           # Denise's "Branch 2 teller workstations" thread (id in first body only)
c_cw512345 = Conv()          # Ticket #512345 Lakeshore imaging PC (notifications + replies)
c_inc45188_sn = Conv()
c_drivethru = Conv()         # "Drive-thru phone at Oak Street" (id in first body only)
c_ritm = Conv()
c_chg = Conv()
c_cw512377 = Conv()
c_plotter = Conv()           # "HP DesignJet T830 in the studio" (id in first body only)
c_cw512402 = Conv()
c_cw512419 = Conv()
c_cw512433 = Conv()
c_oncall = Conv()
c_weekly_ifc = Conv()

S_512345 = "Ticket #512345 - Surgery suite imaging PC blue screens"
S_512377 = "Ticket #512377 - Plotter not printing from Revit"
S_512402 = "Ticket #512402 - Dispatch Wi-Fi drops in warehouse"
S_512419 = "Ticket #512419 - Chromebook enrollment for new classroom"
S_512433 = "Ticket #512433 - VPN access for remote drafter"

# ---------------------------------------------------------------- Mon 9 Nov
add_mail("2026-11-09 12:05", "inbox", P("The MSP Ledger", "news@mspledger.com"), [JONAH],
         "The MSP Ledger - Week 46: RMM consolidation, cyber insurance audits, Patch Tuesday preview",
         "The MSP Ledger | Week 46\n\nRMM consolidation: three acquisitions in one quarter and what they mean for "
         "your tooling budget.\nCyber insurance audits are getting stricter - the five controls underwriters now "
         "ask for first.\nPatch Tuesday preview: what to stage this week.\n\nYou are receiving this because you "
         "subscribed at mspledger.com.\nUnsubscribe | Manage preferences",
         html_body=True, inference="other",
         headers=[("List-Unsubscribe", "<https://mspledger.com/u/8f31c2?e=jonah.reyes%40northwindharbor.com>, "
                                       "<mailto:unsubscribe@mspledger.com?subject=unsubscribe>"),
                  ("List-Unsubscribe-Post", "List-Unsubscribe=One-Click"),
                  ("List-Id", "The MSP Ledger <weekly.mspledger.com>"),
                  ("Precedence", "bulk")],
         label=L("Noise"), kind="Noise: newsletter", note="List-Unsubscribe + Precedence: bulk")

add_mail("2026-11-09 13:30", "inbox", OMAR, [JONAH, TESSA, BEN], "Thanksgiving week on-call",
         "Morning all,\n\nI'm building the on-call rota for Thanksgiving week. Jonah, can you take Wednesday the "
         "25th? Ben has already offered to cover Friday.\n\nOmar Haddad\nService Delivery Manager | Northwind Harbor IT",
         conv=c_oncall, label=L("Internal", ask=True), kind="Internal", note="colleague asks a question")

add_mail("2026-11-09 14:12", "inbox", SNOW, [JONAH],
         "Incident INC0045123 has been assigned to group Northwind Harbor Service Desk",
         sn_body("Incident INC0045123 has been assigned to group Northwind Harbor Service Desk.", "INC0045123",
                 "incident", "Oak Street branch teller workstations lose connection to core banking", "Caller",
                 "Denise Albright", "2 - High", "Work in Progress"),
         conv=c_inc45123_sn, html_body=True, msgid=sn_msgid(),
         label=L("Ticket", "INC0045123", PRCU, "P2", "InProgress"), kind="ServiceNow notification")

add_mail("2026-11-09 14:30", "inbox", HELPDESK, [JONAH], S_512345,
         cw_body("512345", "Ticket #512345 has been assigned to Jonah Reyes.", "Surgery suite imaging PC blue screens",
                 LVP, "Dr. Amara Okafor", "Priority 1 - Emergency Response", "New", "Initial description",
                 "The Dell Precision 3660 that runs the digital radiography software in surgery suite 1 blue screens "
                 "(DRIVER_IRQL_NOT_LESS_OR_EQUAL) as soon as the X-ray sensor is plugged in."),
         conv=c_cw512345, msgid=cw_msgid(), importance="high",
         label=L("Ticket", "512345", LVP, "P1", "New"), kind="ConnectWise notification")

add_mail("2026-11-09 14:45", "inbox", TESSA, [JONAH], "Accepted: Northwind weekly ops huddle", "",
         event=event_fields("meetingAccepted", "2026-11-10 15:00", "2026-11-10 15:30", "Teams", False),
         label=L("Meeting"), kind="Meeting: accepted")

add_mail("2026-11-09 15:05", "inbox", DENISE, [JONAH], "Branch 2 teller workstations",
         "Hi Jonah,\n\nThis is logged with our service desk as INC0045123. The tellers at the Oak Street branch "
         "(Branch 2) lose their connection to the core banking app every 20 minutes or so, and it takes a couple of "
         "minutes to come back. The drive-up window is affected too.\n\nCould you look at the branch FortiGate logs "
         "this morning?\n\nThanks,\nDenise Albright\nIT Manager | Prairie Ridge Credit Union\n(630) 555-0119",
         conv=c_branch2,
         label=L("Ticket", "INC0045123", PRCU, ask=True), kind="Customer mail (ticket)",
         note="id only in this first message of the thread")

add_mail("2026-11-09 15:10", "Escalations", OKAFOR, [JONAH], "RE: " + S_512345,
         "Jonah,\n\nWe have two orthopedic surgeries booked for this afternoon and no way to take radiographs in "
         "suite 1. Can you get us a working station before 1pm?\n\nDr. Amara Okafor\nMedical Director | Lakeshore "
         "Veterinary Partners",
         conv=c_cw512345, importance="high",
         label=L("Ticket", "512345", LVP, ask=True), kind="Customer mail (ticket)", note="Escalations folder")

add_mail("2026-11-09 15:40", "sentitems", JONAH, [DENISE], "RE: Branch 2 teller workstations",
         "Hi Denise,\n\nI'm pulling the FortiGate event logs for the Oak Street branch now. I'll send you what I find "
         "shortly.\n\n" + SIG,
         conv=c_branch2,
         label=L("Ticket", "INC0045123", PRCU, promise=True), kind="Our reply (ticket)",
         note="no id: inherits INC0045123 from thread; vague promise 'shortly'")

add_mail("2026-11-09 16:40", "sentitems", JONAH, [OKAFOR], "RE: " + S_512345,
         "Dr. Okafor,\n\nTessa is on her way to suite 1 with a loaner Precision workstation. "
         "I'll have the radiography software licensed and the sensor calibrated on the loaner by EOD.\n\n" + SIG,
         conv=c_cw512345,
         label=L("Ticket", "512345", LVP, promise=True, due_at=due("2026-11-09 17:00")),
         kind="Our reply (ticket)", note="promise 'by EOD'")

add_mail("2026-11-09 17:20", "sentitems", JONAH, [OMAR], "RE: Thanksgiving week on-call",
         "Yes, put me down for Wednesday the 25th.\n\nJonah" +
         quote(OMAR, "2026-11-09 13:30", JONAH, "Thanksgiving week on-call",
               "Morning all,\n\nI'm building the on-call rota for Thanksgiving week. Jonah, can you take Wednesday "
               "the 25th? Ben has already offered to cover Friday."),
         conv=c_oncall, label=L("Internal"), kind="Internal", note="our internal reply")

add_mail("2026-11-09 23:10", "sentitems", JONAH, [OMAR], "Daily summary - Mon 9 Nov",
         "Hi Omar,\n\nSummary of today:\n- Prairie Ridge: Oak Street branch tellers dropping off core banking; "
         "FortiGate logs show the SD-WAN health check failing over to LTE.\n- Lakeshore Vet: imaging PC in surgery "
         "suite 1 down, loaner installed and calibrated, both surgeries went ahead.\n- Calloway & Finch: nothing new.\n"
         "\nI'll chase Dell about the replacement motherboard for the Lakeshore Precision tomorrow.\n\nJonah",
         label=L("SentSummary", promise=True, due_at=due("2026-11-10 17:00")), kind="Sent summary",
         note="promise 'tomorrow'")

# ---------------------------------------------------------------- Tue 10 Nov
add_mail("2026-11-10 13:50", "inbox", P("TechSurplus Direct", "deals@techsurplusdirect.com"), [JONAH],
         "Flash sale: refurbished Dell OptiPlex 7090 from $149",
         "48 hours only! Grade A refurbished Dell OptiPlex 7090 SFF, i5-11500, 16 GB, 256 GB NVMe from $149. "
         "Lenovo ThinkPad T14 Gen 2 from $289. Free shipping on orders over $500.\n\nShop now at techsurplusdirect.com",
         html_body=True, inference="other",
         label=L("Noise"), kind="Noise: blocklisted sender", note="exact address on blocklist")

add_mail("2026-11-10 14:20", "inbox", DENISE, [JONAH], "RE: Branch 2 teller workstations",
         "Thanks Jonah. It happened twice more this morning, at 8:10 and 8:42. Can you check whether the SD-WAN "
         "tunnel to the data center is flapping?\n\nDenise" +
         quote(JONAH, "2026-11-09 15:40", DENISE, "RE: Branch 2 teller workstations",
               "Hi Denise,\n\nI'm pulling the FortiGate event logs for the Oak Street branch now."),
         conv=c_branch2,
         label=L("Ticket", "INC0045123", PRCU, ask=True), kind="Customer mail (ticket)",
         note="no id: inherits INC0045123 from thread")

add_mail("2026-11-10 15:00", "inbox", HELPDESK, [JONAH], S_512345,
         cw_body("512345", "Ticket #512345 has been updated by Jonah Reyes.", "Surgery suite imaging PC blue screens",
                 LVP, "Dr. Amara Okafor", "Priority 1 - Emergency Response", "Waiting on Vendor", "Note",
                 "Dell dispatch 118822463 opened for a replacement motherboard (failed PCIe controller). Loaner in "
                 "place until the part arrives."),
         conv=c_cw512345, msgid=cw_msgid(),
         label=L("Ticket", "512345", LVP, "P1", "WaitingOnVendor"), kind="ConnectWise notification")

add_mail("2026-11-10 15:35", "inbox", SNOW, [JONAH],
         "Incident INC0045188 has been assigned to group Northwind Harbor Service Desk",
         sn_body("Incident INC0045188 has been assigned to group Northwind Harbor Service Desk.", "INC0045188",
                 "incident", "Drive-thru lane 2 phone has no dial tone", "Caller", "Luis Ortega", "3 - Moderate",
                 "New"),
         conv=c_inc45188_sn, msgid=sn_msgid(),
         label=L("Ticket", "INC0045188", PRCU, "P3", "New"), kind="ServiceNow notification")

add_mail("2026-11-10 16:10", "inbox", SNOW, [JONAH],
         "Requested item RITM0018342 has been assigned to group Northwind Harbor Service Desk",
         sn_body("Requested item RITM0018342 has been assigned to group Northwind Harbor Service Desk.",
                 "RITM0018342", "sc_req_item", "Laptop for new loan officer (Priya Natarajan)", "Requested for",
                 "Priya Natarajan", "4 - Low", "Work in Progress"),
         conv=c_ritm, msgid=sn_msgid(),
         label=L("Ticket", "RITM0018342", PRCU, "P4", "InProgress"), kind="ServiceNow notification")

add_mail("2026-11-10 16:30", "inbox", TESSA, [JONAH], "Loaner laptop pool",
         "Hey Jonah,\n\nHow many loaner ThinkPads do we have left in the cage? Lakeshore might need a second one for "
         "the front desk if the Precision repair drags on.\n\nTessa",
         label=L("Internal", ask=True), kind="Internal", note="colleague asks a question")

add_mail("2026-11-10 17:05", "sentitems", JONAH, [CARLA],
         "RE: RITM0018342 - Laptop for new loan officer (Priya Natarajan)",
         "Hi Carla,\n\nThanks for the details. Priya's Latitude 5450 is in our build queue. We will have it imaged, "
         "enrolled in Intune and shipped to the Main Street branch by Friday.\n\n" + SIG,
         conv=c_ritm,
         label=L("Ticket", "RITM0018342", PRCU, promise=True, due_at=due("2026-11-13 17:00")),
         kind="Our reply (ticket)", note="promise 'by Friday'")

add_mail("2026-11-10 19:20", "inbox", HELPDESK, [JONAH], S_512377,
         cw_body("512377", "Ticket #512377 has been assigned to Jonah Reyes.", "Plotter not printing from Revit", CF,
                 "Graham Pruitt", "Priority 3 - Normal Response", "In Progress", "Initial description",
                 "HP DesignJet T830 prints from Acrobat but Revit sheets come out clipped on the right edge. Started "
                 "after the Revit 2026 update."),
         conv=c_cw512377, msgid=cw_msgid(),
         label=L("Ticket", "512377", CF, "P3", "InProgress"), kind="ConnectWise notification")

add_mail("2026-11-10 20:00", "inbox", SNOW, [JONAH], "Incident INC0045123 - comment added",
         sn_body("A comment has been added to Incident INC0045123.", "INC0045123", "incident",
                 "Oak Street branch teller workstations lose connection to core banking", "Caller", "Denise Albright",
                 "2 - High", "Work in Progress",
                 comment="Denise Albright: Two more drops this morning (8:10 and 8:42). Branch staff are keeping a log."),
         conv=c_inc45123_sn, msgid=sn_msgid(),
         label=L("Ticket", "INC0045123", PRCU, "P2", "InProgress"), kind="ServiceNow notification")

# ---------------------------------------------------------------- Wed 11 Nov
add_mail("2026-11-11 10:14", "inbox", P("Microsoft 365 Security", "it-support@m365-secure-login.co"), [JONAH],
         "Action required: your Microsoft 365 password expires today",
         "Your password for jonah.reyes@northwindharbor.com expires today. Keep your current password by "
         "confirming your account within 12 hours: http://m365-secure-login.co/keep-password",
         html_body=True, inference="other",
         headers=[("X-Spam-Flag", "YES"), ("X-Spam-Score", "9.4"), ("X-MS-Exchange-Organization-SCL", "9")],
         label=L("Noise"), kind="Noise: spam", note="X-Spam-Flag: YES")

add_mail("2026-11-11 14:20", "sentitems", JONAH, [LUIS], "Drive-thru phone at Oak Street",
         "Hi Luis,\n\nI've picked up INC0045188 for the drive-thru lane 2 phone. Could you unplug the Yealink T54W "
         "handset for ten seconds, plug it back in and send me a photo of what the screen shows? A spare handset is "
         "in our stock if it turns out to be hardware.\n\n" + SIG,
         conv=c_drivethru,
         label=L("Ticket", "INC0045188", PRCU), kind="Our reply (ticket)",
         note="our question to the customer (not an ask of us)")

add_mail("2026-11-11 15:10", "inbox", SNOW, [JONAH], "Incident INC0045188 is awaiting caller information",
         sn_body("Incident INC0045188 has been updated.", "INC0045188", "incident",
                 "Drive-thru lane 2 phone has no dial tone", "Caller", "Luis Ortega", "3 - Moderate",
                 "Pending - Awaiting Caller",
                 comment="Jonah Reyes: Asked the branch to power-cycle the handset and send a photo of the display."),
         conv=c_inc45188_sn, msgid=sn_msgid(),
         label=L("Ticket", "INC0045188", PRCU, "P3", "WaitingOnCustomer"), kind="ServiceNow notification")

add_mail("2026-11-11 16:00", "inbox", GRAHAM, [JONAH], "HP DesignJet T830 in the studio",
         "Hi Jonah,\n\nYour help desk gave us Ticket #512377 for the plotter. Could you push the updated HP driver "
         "to the five drafting workstations? Until then we're exporting every sheet to PDF first, which is slowing "
         "the team down before Friday's submission.\n\nBest,\nGraham Pruitt AIA\nPrincipal | Calloway & Finch "
         "Architects\n(312) 555-0173",
         conv=c_plotter, html_body=True,
         html_extra='<div><img src="cid:image001.png@01DD5A3B.7C2E9F10" width="120" height="32" '
                    'alt="Calloway &amp; Finch Architects"></div>',
         attachments=[attachment("image001.png", "image/png", tiny_png(12, 4, (28, 52, 74)), inline=True,
                                 content_id="image001.png@01DD5A3B.7C2E9F10", modified="2026-11-11T16:00:00Z")],
         label=L("Ticket", "512377", CF, ask=True), kind="Customer mail (ticket)",
         note="html body with inline signature image; id only in this first message of the thread")

add_mail("2026-11-11 17:30", "inbox", SNOW, [JONAH], "Change Request CHG0030417 requires your approval",
         sn_body("Change Request CHG0030417 requires your approval.", "CHG0030417", "change_request",
                 "Firmware upgrade on HQ core switches (Aruba CX 6300, 10.13 to 10.15)", "Requested by",
                 "Denise Albright", "3 - Moderate", "Assess"),
         conv=c_chg, html_body=True, msgid=sn_msgid(),
         label=L("Ticket", "CHG0030417", PRCU, "P3"), kind="ServiceNow notification", note="change request")

add_mail("2026-11-11 18:05", "inbox", DENISE, [JONAH], "Core switch firmware - change window review",
         "Let's walk through the rollback plan for the core switch firmware change before the CAB signs off.\n\n"
         "Agenda: maintenance window, rollback steps, who is on site at HQ." + teams_block("263 419 882 051", "Hq4tR7"),
         event=event_fields("meetingRequest", "2026-11-13 16:00", "2026-11-13 16:45", "Microsoft Teams Meeting", True),
         label=L("Meeting"), kind="Meeting: request")

add_mail("2026-11-11 19:40", "inbox", HELPDESK, [JONAH], S_512402,
         cw_body("512402", "Ticket #512402 has been assigned to Jonah Reyes.", "Dispatch Wi-Fi drops in warehouse",
                 IFC, "Rick Santoro", "Priority 2 - Quick Response", "New", "Initial description",
                 "Zebra TC52 scanners lose Wi-Fi near the dock doors and drop out of the dispatch app. Pickers are "
                 "re-scanning whole pallets."),
         conv=c_cw512402, msgid=cw_msgid(),
         label=L("Ticket", "512402", IFC, "P2", "New"), kind="ConnectWise notification")

# ---------------------------------------------------------------- Thu 12 Nov
add_mail("2026-11-12 13:00", "inbox", P("Kyle Brenner", "kyle@growth-hackers.io"), [JONAH],
         "Partnership idea for Northwind Harbor IT",
         "Hi Jonah,\n\nWe help MSPs in Chicagoland book 20+ qualified discovery calls a month. Would you be open to "
         "a 15-minute call on Thursday to see if it's a fit?\n\nKyle Brenner\nGrowth Hackers",
         label=L("Noise"), kind="Noise: blocklisted sender", note="matches *@growth-hackers.io wildcard")

add_mail("2026-11-12 14:25", "inbox", LUIS, [JONAH], "RE: Drive-thru phone at Oak Street",
         "Hi Jonah,\n\nPower-cycled it twice, still no dial tone. Photo of the screen attached. It's the same handset "
         "your team installed last month, confirmation below. Can someone swap it this week? The drive-thru is "
         "running on a cordless phone for now.\n\nLuis Ortega\nBranch Manager, Oak Street | Prairie Ridge Credit Union"
         + quote(SNOW, "2026-10-22 19:14", LUIS, "Request REQ0021907 has been fulfilled",
                 "Request REQ0021907 - Install VoIP handset at drive-thru lane 2 - has been fulfilled.\n\n"
                 "Items:\nRITM0017760 Yealink T54W desk phone - delivered and installed\n\nThank you,\n"
                 "Prairie Ridge CU IT Service Desk"),
         conv=c_drivethru,
         attachments=[attachment("drive-thru-handset.png", "image/png", tiny_png(16, 12, (40, 40, 40)),
                                 modified="2026-11-12T14:24:00Z")],
         label=L("Ticket", "INC0045188", PRCU, ask=True), kind="Customer mail (ticket)",
         note="no current id: inherits INC0045188 from thread; quotes older REQ0021907/RITM0017760 below From/Sent separator")

add_mail("2026-11-12 15:00", "inbox", RICK, [JONAH], "RE: " + S_512402,
         "Jonah,\n\nThe drops are worst near dock doors 7 through 12, mostly when the doors are open. We'll send "
         "over the full list of scanner serial numbers and MAC addresses by Friday.\n\nRick Santoro\nWarehouse "
         "Operations Manager | Ironwood Freight Co.",
         conv=c_cw512402,
         label=L("Ticket", "512402", IFC), kind="Customer mail (ticket)",
         note="customer's own promise 'by Friday' (not a commitment of ours)")

add_mail("2026-11-12 15:45", "sentitems", JONAH, [RICK], "RE: " + S_512402,
         "Hi Rick,\n\nThanks, that lines up with what the controller shows: the two U6-Pro access points over dock 9 "
         "are rebooting under load. I'll be onsite on Monday to swap both access points and re-survey the dock "
         "area.\n\n" + SIG,
         conv=c_cw512402,
         label=L("Ticket", "512402", IFC, promise=True, due_at=due("2026-11-16 17:00")),
         kind="Our reply (ticket)", note="promise 'on Monday'")

add_mail("2026-11-12 16:30", "sentitems", JONAH, [GRAHAM], "RE: HP DesignJet T830 in the studio",
         "Hi Graham,\n\nThe clipping comes from the old HP-GL/2 driver. I'm packaging the current HP DesignJet "
         "driver with the right paper presets; we'll have it tested and deployed to all five drafting workstations "
         "by November 18.\n\n" + SIG +
         quote(GRAHAM, "2026-11-11 16:00", JONAH, "HP DesignJet T830 in the studio",
               "Hi Jonah,\n\nCould you push the updated HP driver to the five drafting workstations?"),
         conv=c_plotter,
         label=L("Ticket", "512377", CF, promise=True, due_at=due("2026-11-18 17:00")),
         kind="Our reply (ticket)", note="no id in subject or new text: inherits #512377; promise 'by November 18'")

add_mail("2026-11-12 17:10", "inbox", HELPDESK, [JONAH], S_512419,
         cw_body("512419", "Ticket #512419 has been assigned to Jonah Reyes.",
                 "Chromebook enrollment for new classroom", MSM, "Helen Marsh",
                 "Priority 4 - Scheduled Maintenance", "New", "Initial description",
                 "24 Lenovo 300e Chromebooks for the new upper elementary classroom need enrollment in Google Admin "
                 "and the classroom OU policies."),
         conv=c_cw512419, msgid=cw_msgid(),
         label=L("Ticket", "512419", MSM, "P4", "New"), kind="ConnectWise notification")

add_mail("2026-11-12 18:00", "inbox", BEN, [JONAH, TESSA, OMAR], "FYI: RMM agent update rolling out tonight",
         "Heads up - the RMM agent update (v24.11) goes out to all managed endpoints tonight from 10pm in batches "
         "of 50. Expect a short agent-offline blip per device. No reboots required.\n\nBen\nNOC | Northwind Harbor IT",
         label=L("Internal"), kind="Internal", note="FYI, no question")

add_whatsapp("2026-11-12 19:00", "17735550182", "Dr. Amara Okafor",
             "Hi Jonah, any news from Dell on Ticket #512345? The loaner works but the sensor driver keeps "
             "crashing between patients",
             label=L("Ticket", "512345", None, ask=True), kind="WhatsApp", note="names ConnectWise #512345")

add_mail("2026-11-12 20:30", "inbox", SNOW, [JONAH], "Incident INC0045188 has been updated",
         sn_body("Incident INC0045188 has been updated.", "INC0045188", "incident",
                 "Drive-thru lane 2 phone has no dial tone", "Caller", "Luis Ortega", "3 - Moderate",
                 "Work in Progress",
                 comment="Luis Ortega: Power-cycled twice, no dial tone. Photo sent to Jonah."),
         conv=c_inc45188_sn, msgid=sn_msgid(),
         label=L("Ticket", "INC0045188", PRCU, "P3", "InProgress"), kind="ServiceNow notification")

add_mail("2026-11-12 21:15", "inbox", JEN, [JONAH], "Quarterly business review - Lakeshore Veterinary Partners",
         "Quarterly business review with Northwind Harbor IT.\n\nAgenda:\n1. Q3 service report and the surgery suite "
         "outage\n2. Workstation refresh for the two clinics\n3. 2027 budget and the new Oak Brook location"
         + teams_block("248 930 117 664", "Lv9kX2"),
         cc=[OKAFOR], html_body=True,
         event=event_fields("meetingRequest", "2026-11-19 16:00", "2026-11-19 17:00",
                            "Lakeshore Vet - Naperville conference room", True),
         label=L("Meeting"), kind="Meeting: request", note="html body with Teams block")

# ---------------------------------------------------------------- Fri 13 Nov
add_mail("2026-11-13 13:40", "inbox", GRAHAM, [JONAH], "Accepted: Plotter driver walkthrough", "",
         event=event_fields("meetingAccepted", "2026-11-17 17:00", "2026-11-17 17:30", "Calloway & Finch studio",
                            False),
         label=L("Meeting"), kind="Meeting: accepted")

add_mail("2026-11-13 14:30", "inbox", RICK, [JONAH], "RE: " + S_512402,
         "Jonah,\n\nAttached is the scanner list, as promised: 14 Zebra TC52s with serials and Wi-Fi MACs. All of "
         "them are on the 5 GHz dispatch SSID.\n\nRick",
         conv=c_cw512402,
         attachments=[attachment(
             "ironwood-scanner-serials.csv", "text/csv",
             ("device,serial,wifi_mac\n" + "".join(
                 "TC52-%02d,2231452%05d,00:a0:c6:%02x:%02x:%02x\n" % (i, 20480 + i * 37, 0x3c, 0x10 + i, 0x7a + i)
                 for i in range(1, 15))).encode("ascii"),
             modified="2026-11-13T14:29:00Z")],
         label=L("Ticket", "512402", IFC), kind="Customer mail (ticket)", note="valid CSV attachment")

add_mail("2026-11-13 15:20", "inbox", CARLA, [JONAH], "RE: RITM0018342 - Laptop for new loan officer (Priya Natarajan)",
         "Hi Jonah,\n\nGreat, thank you! Can you also add Priya to the Loan Ops team in Teams and the "
         "loanops@prairieridgecu.org shared mailbox?\n\nCarla Benson\nHR Generalist | Prairie Ridge Credit Union",
         conv=c_ritm,
         label=L("Ticket", "RITM0018342", PRCU, ask=True), kind="Customer mail (ticket)")

add_mail("2026-11-13 16:05", "sentitems", JONAH, [OKAFOR], "RE: " + S_512345,
         "Dr. Okafor,\n\nDell confirmed the replacement motherboard ships Monday. The loaner stays in suite 1 until "
         "then, and the sensor driver on it has been rolled back to the version your vendor certified.\n\n" + SIG,
         cc=[DELGADO], conv=c_cw512345,
         label=L("Ticket", "512345", LVP), kind="Our reply (ticket)", note="cc to a stale address (bounces next)")

add_mail("2026-11-13 16:06", "inbox", P("Mail Delivery System", "MAILER-DAEMON@mx1.lakeshorevet.com"), [JONAH],
         "Undelivered Mail Returned to Sender",
         "This is the mail system at host mx1.lakeshorevet.com.\n\nI'm sorry to have to inform you that your message "
         "could not be delivered to one or more recipients.\n\n<m.delgado@lakeshorevet.com>: host "
         "mailstore.lakeshorevet.com[10.20.0.12] said: 550 5.1.1 <m.delgado@lakeshorevet.com>: Recipient address "
         "rejected: User unknown in virtual mailbox table\n\n--- Original message headers ---\nFrom: Jonah Reyes "
         "<jonah.reyes@northwindharbor.com>\nSubject: RE: " + S_512345,
         delay=3,
         headers=[("Content-Type", 'multipart/report; report-type=delivery-status; boundary="7A1C9E3F40.1763049960/mx1.lakeshorevet.com"'),
                  ("Auto-Submitted", "auto-replied")],
         label=L("Noise"), kind="Noise: bounce", note="mailer-daemon delivery-status report (quotes a ticket subject)")

add_mail("2026-11-13 21:30", "sentitems", JONAH, [RICK], "Weekly update - Ironwood Freight",
         "Hi Rick,\n\nHere's this week's update for Ironwood Freight:\n- Warehouse Wi-Fi: controller logs point at the "
         "two access points over dock 9; replacements are in stock.\n- Dispatch PCs: all Windows 11 patches applied "
         "Wednesday night, no issues.\n- Backups: all nightly jobs succeeded.\n\nWe'll schedule the firmware update "
         "for the remaining warehouse access points next week.\n\n" + SIG,
         cc=[MARISSA], conv=c_weekly_ifc,
         label=L("SentSummary", promise=True), kind="Sent summary", note="vague promise 'next week' (no due)")

add_mail("2026-11-13 21:31", "inbox", MARISSA, [JONAH], "Automatic reply: Weekly update - Ironwood Freight",
         "I'm out of the office until Tuesday, November 17, visiting our Joliet terminal. For anything urgent please "
         "contact Rick Santoro.",
         conv=c_weekly_ifc, delay=20,
         headers=[("Auto-Submitted", "auto-replied"), ("X-Auto-Response-Suppress", "All")],
         label=L("Noise"), kind="Noise: out-of-office", note="Auto-Submitted: auto-replied")

# ---------------------------------------------------------------- Sat 14 Nov
add_mail("2026-11-14 07:00", "inbox", P("VaultLine Backup", "noreply@vaultline-backup.com"), [JONAH],
         "Backup job summary for Northwind Harbor IT: 41 succeeded, 1 warning",
         "VaultLine nightly summary (Nov 13, 2026)\n\nSucceeded: 41\nWarning: 1 (LVP-FS01 - 3 files skipped, in "
         "use)\nFailed: 0\n\nThis is an automated message. Replies to this address are not monitored.",
         inference="other",
         headers=[("Auto-Submitted", "auto-generated"), ("X-Auto-Response-Suppress", "All")],
         label=L("Noise"), kind="Noise: automated notification", note="noreply, Auto-Submitted: auto-generated")

add_mail("2026-11-14 15:20", "inbox", HELEN, [JONAH], "RE: " + S_512419,
         "Hi Jonah, the Chromebooks arrived Friday afternoon and are in the library cart. Could your tech come",
         conv=c_cw512419,
         truncate_at='"bodyPreview": "',
         label={"category": "Other", "ticket": None, "hasAsk": False, "hasPromise": False, "promiseDue": None,
                "exceptionReasons": ["ParseFailure"]},
         kind="Malformed line", note="truncated JSON (ParseFailure)")

# ---------------------------------------------------------------- Mon 16 Nov
add_mail("2026-11-16 14:10", "inbox", HELPDESK, [JONAH], S_512433,
         cw_body("512433", "Ticket #512433 has been assigned to Jonah Reyes.", "VPN access for remote drafter", CF,
                 "Graham Pruitt", "Priority 3 - Normal Response", "In Progress", "Initial description",
                 "Aaron Liu starts working from Milwaukee two days a week and needs FortiClient VPN access to the "
                 "project file server."),
         conv=c_cw512433, msgid=cw_msgid(),
         label=L("Ticket", "512433", CF, "P3", "InProgress"), kind="ConnectWise notification")

add_mail("2026-11-16 14:40", "inbox", HELPDESK, [JONAH], S_512402,
         cw_body("512402", "Ticket #512402 has been updated by Jonah Reyes.", "Dispatch Wi-Fi drops in warehouse", IFC,
                 "Rick Santoro", "Priority 2 - Quick Response", "Waiting on Vendor", "Note",
                 "Swapped one U6-Pro over dock 9. The second spare failed to adopt; Ubiquiti RMA 4471-20931 opened for "
                 "an advance replacement."),
         conv=c_cw512402, msgid=cw_msgid(),
         label=L("Ticket", "512402", IFC, "P2", "WaitingOnVendor"), kind="ConnectWise notification")

add_mail("2026-11-16 15:15", "sentitems", JONAH, [OKAFOR], "RE: " + S_512345,
         "Dr. Okafor,\n\nThe Dell motherboard arrived this morning. Tessa has the install booked for Tuesday at 7am, "
         "before your first appointment.\n\n" + SIG,
         conv=c_cw512345,
         label=L("Ticket", "512345", LVP), kind="Our reply (ticket)", note="status update, no promise of ours")

add_mail("2026-11-16 17:30", "inbox", DYLAN, [JONAH], "Meraki renewal quote for Ironwood Freight",
         "Hi Jonah,\n\nI'm preparing the three-year Meraki MX and MR license renewal quote for Ironwood Freight. Can "
         "you confirm the license count? Our records show 2 MX68 and 11 MR46 but the dashboard export you sent in "
         "June listed 12 access points.\n\nDylan Shaw\nAccount Manager | Keystone Tech Distribution\n(847) 555-0126",
         html_body=True,
         label=L("Other", ask=True), kind="Other: vendor", note="distributor asks a question")

add_mail("2026-11-16 19:00", "Escalations", HAROLD, [JONAH], "Branch 2 outages - need a plan",
         "Jonah,\n\nOak Street has now had four days of teller disconnects and members are noticing. Our incident "
         "INC0045123 has been open a week. Can you give me an ETA for a permanent fix, not just a workaround?\n\n"
         "Harold Brandt\nVP Operations | Prairie Ridge Credit Union",
         cc=[DENISE], importance="high",
         label=L("Ticket", "INC0045123", PRCU, ask=True), kind="Customer mail (ticket)",
         note="Escalations folder; id in body")

add_mail("2026-11-16 22:00", "sentitems", JONAH, [HELEN], "Recap: Maple Street Montessori Chromebook planning call",
         "Hi Helen,\n\nThanks for the time this afternoon. Recap of what we agreed:\n- The 24 Lenovo 300e Chromebooks "
         "go into a new Upper Elementary OU with the same web filtering as Lower Elementary.\n- Students sign in with "
         "their existing Google accounts; no new licenses needed.\n- Teacher training moves to a 30-minute slot "
         "after the Thanksgiving break.\n\nI'll send the enrollment checklist and the OU policy summary by the end of "
         "the week.\n\n" + SIG,
         label=L("SentSummary", promise=True, due_at=due("2026-11-20 17:00")), kind="Sent summary",
         note="Recap subject; promise 'by the end of the week'")

# ---------------------------------------------------------------- Tue 17 Nov
add_mail("2026-11-17 14:15", "inbox", HELPDESK, [JONAH], "Your ticket has been updated",
         "Your service ticket has been updated by Tessa Lindqvist.\n\nNote: Replaced the PoE injector for the lobby "
         "camera; the camera is back online and recording.\n\n" + CW_FOOTER,
         msgid=cw_msgid(),
         label=L("Ticket", exc=["MissingTicketId"]), kind="Exception: MissingTicketId",
         note="ticket-system sender, no ticket id")

add_mail("2026-11-17 15:30", "sentitems", JONAH, [DENISE], "RE: Branch 2 teller workstations",
         "Hi Denise,\n\nWe moved the Oak Street branch to the secondary ISP circuit this morning and I'm running a "
         "controlled failover test with your tellers now. I'll call you back in 2 hours with the results of the "
         "failover test.\n\n" + SIG,
         conv=c_branch2,
         label=L("Ticket", "INC0045123", PRCU, promise=True, due_at="2026-11-17T11:30:00-06:00"),
         kind="Our reply (ticket)", note="no id: inherits INC0045123; promise 'in 2 hours'")

add_mail("2026-11-17 16:10", "Escalations", GRAHAM, [JONAH], "Ticket #512377 / Ticket #512433 - both on Aaron's workstation?",
         "Jonah,\n\nAaron's workstation is the one that still clips plotter sheets and it's also the laptop that needs "
         "the VPN. Can you look at both on the same visit so he only loses one afternoon?\n\nGraham",
         label=L("Ticket", "512377", CF, ask=True, exc=["ConflictingSignals"], alt=["512433"]),
         kind="Exception: ConflictingSignals", note="two different ticket ids in the subject; Escalations folder")

add_mail("2026-11-17 16:45", "inbox", GRAHAM, [JONAH], "RE: HP DesignJet T830 in the studio",
         "Jonah,\n\nSheets from Revit are printing full size on the two machines you updated this morning. Can you "
         "do the remaining three tomorrow? Everyone is in the studio all day.\n\nGraham",
         conv=c_plotter,
         label=L("Ticket", "512377", CF, ask=True), kind="Customer mail (ticket)",
         note="no id: inherits #512377 from thread")

add_mail("2026-11-17 17:20", "inbox", KIRA, [JONAH], "October mileage report",
         "Hi Jonah,\n\nCould you submit your October mileage report in Expensify? Finance closes the month on Friday "
         "and yours is the last one outstanding.\n\nThanks,\nKira Yamada\nOffice & Finance Coordinator | Northwind "
         "Harbor IT",
         label=L("Internal", ask=True), kind="Internal", note="colleague asks")

add_whatsapp("2026-11-17 18:00", "18155550147", "Rick Santoro",
             "Jonah, scanners at dock 11 dropping again since lunch. Can you call me when you get a sec?",
             label=L("Other", ask=True), kind="WhatsApp", note="no ticket id")

add_mail("2026-11-17 20:00", "inbox", LENA, [JONAH], "Managed IT for a 30-person CPA firm",
         "Hello,\n\nWe're a 30-person CPA firm in Oak Park and our current IT provider is retiring at year end. "
         "Could we set up a call to talk through your managed services and pricing?\n\nLena Hartwell, CPA\nManaging "
         "Partner | Hartwell & Cole CPAs",
         html_body=True,
         label=L("Other", ask=True), kind="Other: prospect", note="prospect inquiry")

# ---------------------------------------------------------------- Wed 18 Nov
add_mail("2026-11-18 14:05", "sentitems", JONAH, [DENISE], "RE: CHG0030417 - Firmware upgrade on HQ core switches",
         "Hi Denise,\n\nThe CAB asked for the rollback steps to be split per switch before their Thursday meeting. "
         "I'll send the revised change plan with the per-switch rollback by 3pm.\n\n" + SIG,
         conv=c_chg,
         label=L("Ticket", "CHG0030417", PRCU, promise=True, due_at=due("2026-11-18 15:00")),
         kind="Our reply (ticket)", note="promise 'by 3pm'")

add_mail("2026-11-18 14:50", "inbox", SOFIA, [JONAH], "FW: Overdue invoice - Stonebridge Plotter Supply",
         "Hi Jonah,\n\nThis came in to accounts@ this morning. We do buy plotter paper from Stonebridge, but the "
         "attachment looks odd. Could you check whether it's legit before anyone opens it?\n\nSofia Marchetti\nOffice "
         "Manager | Calloway & Finch Architects\n\n-----Original Message-----\nFrom: Stonebridge Billing "
         "<billing@stonebridge-supply.net>\nSent: Wednesday, November 18, 2026 7:12 AM\nTo: accounts@callowayfinch.com\n"
         "Subject: Overdue invoice\n\nPlease find attached the overdue invoice. Payment is required within 48 hours.",
         attachments=[attachment("invoice.exe", "application/x-msdownload",
                                 b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00"
                                 b"demo placeholder - not a real executable",
                                 modified="2026-11-18T13:12:00Z")],
         label=L("Other", ask=True, exc=["AttachmentRejected"]), kind="Exception: AttachmentRejected",
         note="attachment invoice.exe (executable)")

add_mail("2026-11-18 15:30", "inbox", HELEN, [JONAH], "Canceled: Chromebook training for Maple Street staff",
         "We're moving the training to after the Thanksgiving break, as discussed on Monday. I'll send a new invite.",
         importance="high",
         event=event_fields("meetingCancelled", "2026-11-19 21:00", "2026-11-19 22:00",
                            "Maple Street Montessori - library", False),
         label=L("Meeting"), kind="Meeting: cancelled")

add_mail("2026-11-18 16:10", "inbox", SNOW, [JONAH], "Incident INC0045123 has been resolved",
         sn_body("Incident INC0045123 has been resolved.", "INC0045123", "incident",
                 "Oak Street branch teller workstations lose connection to core banking", "Caller", "Denise Albright",
                 "2 - High", "Resolved",
                 comment="Jonah Reyes: Primary ISP circuit replaced by the carrier; SD-WAN health checks stable for "
                         "24 hours. Branch back on primary."),
         conv=c_inc45123_sn, html_body=True, msgid=sn_msgid(),
         label=L("Ticket", "INC0045123", PRCU, "P2", "Resolved"), kind="ServiceNow notification")

add_mail("2026-11-18 17:00", "inbox", CARLA, [JONAH], "RE: RITM0018342 - Laptop for new loan officer (Priya Natarajan)",
         "Hi Jonah,\n\nPriya's laptop arrived and she's signed in. Thanks for the quick turnaround!\n\nCarla",
         conv=c_ritm, drop_id=True,
         label={"category": "Other", "ticket": None, "hasAsk": False, "hasPromise": False, "promiseDue": None,
                "exceptionReasons": ["ParseFailure"]},
         kind="Malformed line", note="valid JSON, message has no id (ParseFailure)")

add_mail("2026-11-18 23:05", "sentitems", JONAH, [OMAR], "Daily summary - Wed 18 Nov",
         "Hi Omar,\n\nToday:\n- Prairie Ridge: Oak Street branch stable on the new primary circuit, resolved in their "
         "service desk. Core switch change plan revised for CAB.\n- Calloway & Finch: plotter driver deployed on two "
         "of five workstations; suspicious invoice attachment quarantined.\n- Maple Street: Chromebook training "
         "moved to after Thanksgiving.\n\nI'll finish the last three plotter workstations at Calloway & Finch "
         "tomorrow.\n\nJonah",
         label=L("SentSummary", promise=True, due_at=due("2026-11-19 17:00")), kind="Sent summary",
         note="promise 'tomorrow'")

# ---------------------------------------------------------------- Thu 19 Nov
add_mail("2026-11-19 13:10", "inbox", P("LeadList Pro", "sales@leadlistpro.biz"), [JONAH],
         "Verified IT decision-maker contacts in Illinois - 40% off",
         "Reach 12,400 verified IT decision makers in Illinois. Download a free sample of 50 contacts today and get "
         "40% off your first list.",
         html_body=True, inference="other",
         label=L("Noise"), kind="Noise: blocklisted sender", note="domain on blocklist")

add_mail("2026-11-19 14:30", "inbox", ROSA, [JONAH], "Front office printer again",
         "Hi Jonah,\n\nThe incident with the front office printer was resolved on Tuesday, but it's jamming again on "
         "every double-sided job and we have progress reports going home Friday. Could you send someone this "
         "afternoon?\n\nRosa Jimenez\nFront Office | Maple Street Montessori",
         label=L("Ticket", ask=True, exc=["MissingTicketId"]), kind="Exception: MissingTicketId",
         note="'the incident ... was resolved ... but' wording, no id, new conversation")

add_mail("2026-11-19 15:00", "inbox", RICK, [JONAH], "RE: " + S_512402,
         "Jonah,\n\nThe replacement access point is up over dock 9 - photo of the mount attached. Can you confirm it's "
         "on the scanner VLAN? The dispatch app still shows it as unknown.\n\nRick",
         conv=c_cw512402,
         attachments=[attachment("dock9-ap-mount.jpg", "image/jpeg",
                                 raw_b64="/9j/4AAQSkZJRgABAQAAAQABAAD%%corrupted-upload%%_2xQ*~",
                                 size=248113, modified="2026-11-19T14:58:00Z")],
         label=L("Ticket", "512402", IFC, ask=True, exc=["AttachmentRejected"]),
         kind="Exception: AttachmentRejected", note="contentBytes is not valid base64")

add_mail("2026-11-19 16:40", "inbox", HELPDESK, [JONAH], S_512377,
         cw_body("512377", "Ticket #512377 has been updated by Jonah Reyes.", "Plotter not printing from Revit", CF,
                 "Graham Pruitt", "Priority 3 - Normal Response", "Resolved", "Resolution",
                 "Current HP DesignJet driver and paper presets deployed to all five drafting workstations; full-size "
                 "Revit sheets confirmed by the customer."),
         conv=c_cw512377, msgid=cw_msgid(),
         label=L("Ticket", "512377", CF, "P3", "Resolved"), kind="ConnectWise notification")

add_whatsapp("2026-11-19 18:20", "16305550164", "Helen Marsh",
             "Thanks for sorting the printer so fast today! Rosa says it's printing the reports fine now.",
             label=L("Other"), kind="WhatsApp", note="no ticket id, no ask")

add_mail("2026-11-19 20:10", "sentitems", JONAH, [TESSA], "Console cable",
         "Tessa, do you still have the USB-C console cable for the Aruba switches? Mine walked off after the Prairie "
         "Ridge visit.\n\nJonah",
         label=L("Internal"), kind="Internal", note="our internal question")

add_mail("2026-11-19 21:00", "sentitems", JONAH, [GRAHAM], "RE: " + S_512433,
         "Hi Graham,\n\nThe FortiClient VPN profile is on Aaron's laptop and he connected from home this evening to "
         "test it. He can reach the project file server and the plotter queue.\n\n" + SIG,
         cc=[P("Aaron Liu", "aaron.liu@callowayfinch.com")], conv=c_cw512433,
         label=L("Ticket", "512433", CF), kind="Our reply (ticket)")

# ---------------------------------------------------------------- Fri 20 Nov
add_mail("2026-11-20 14:00", "inbox", OMAR, [JONAH, TESSA, BEN, KIRA], "December change freeze planning",
         "Let's agree the December change freeze dates per customer and who approves emergency changes."
         + teams_block("295 604 338 127", "Nw3pQ8"),
         event=event_fields("meetingRequest", "2026-11-24 16:00", "2026-11-24 16:30", "Microsoft Teams Meeting", True),
         label=L("Meeting"), kind="Meeting: request", note="internal invitation")

add_mail("2026-11-20 15:25", "inbox", HELPDESK, [JONAH], S_512419,
         cw_body("512419", "Ticket #512419 has been updated by Tessa Lindqvist.",
                 "Chromebook enrollment for new classroom", MSM, "Helen Marsh",
                 "Priority 4 - Scheduled Maintenance", "In Progress", "Note",
                 "12 of 24 Chromebooks enrolled into the Upper Elementary OU. Remaining 12 on Monday's visit."),
         conv=c_cw512419, msgid=cw_msgid(),
         label=L("Ticket", "512419", MSM, "P4", "InProgress"), kind="ConnectWise notification")

add_mail("2026-11-20 22:30", "sentitems", JONAH, [OMAR], "Weekly update - week of 16 Nov",
         "Hi Omar,\n\nWeek in review:\n- Prairie Ridge: Oak Street teller outages fixed (carrier replaced the primary "
         "circuit); core switch firmware change on Thursday's CAB agenda; new loan officer laptop delivered.\n"
         "- Lakeshore Vet: surgery suite workstation repaired, loaner collected.\n- Calloway & Finch: plotter "
         "driver rollout finished, VPN for the remote drafter live.\n- Ironwood Freight: one access point still on "
         "RMA with Ubiquiti.\n- Maple Street: Chromebook enrollment half done.\n\nI'll pick up the remaining "
         "Chromebooks at Maple Street on Monday.\n\nJonah",
         label=L("SentSummary", promise=True, due_at=due("2026-11-23 17:00")), kind="Sent summary",
         note="promise 'on Monday'")


# ================================================================= output
def main():
    check_only = "--check" in sys.argv
    entries = sorted(ENTRIES, key=lambda e: (e["sort"], e["seq"]))
    lines, expected = [], []
    for n, e in enumerate(entries, start=1):
        e["n"] = n
        lines.append(e["line"] if isinstance(e["line"], str) else json.dumps(e["line"]))
        mid = e["id"] if e["id"] else "line:%d" % n
        expected.append(json.dumps(dict({"messageId": mid}, **e["label"])))
    validate(lines, entries)
    if check_only:
        print("ok: %d lines" % len(lines))
        return
    with open(os.path.join(HERE, "mailbox.jsonl"), "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(lines) + "\n")
    with open(os.path.join(HERE, "expected.jsonl"), "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(expected) + "\n")
    with open(os.path.join(HERE, "README.md"), "w", encoding="utf-8", newline="\n") as f:
        f.write(readme(entries))
    print("wrote %d lines to mailbox.jsonl, expected.jsonl and README.md" % len(lines))


def validate(lines, entries):
    ids, prev = set(), None
    bad = 0
    for n, (text, e) in enumerate(zip(lines, entries), start=1):
        try:
            obj = json.loads(text)
        except ValueError:
            bad += 1
            assert e["kind"] == "Malformed line", n
            continue
        m = obj["message"]
        mid = m.get("id")
        if mid is None:
            assert e["kind"] == "Malformed line", n
        else:
            assert mid not in ids, "duplicate id on line %d" % n
            ids.add(mid)
        if obj.get("channel") == "whatsapp":
            ts = datetime.fromtimestamp(int(m["timestamp"]), tz=timezone.utc)
        else:
            ts = datetime.strptime(m["sentDateTime"], "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=timezone.utc)
            for a in m.get("attachments", []):
                if e["kind"] != "Exception: AttachmentRejected":
                    base64.b64decode(a["contentBytes"], validate=True)
        assert prev is None or ts >= prev, "not chronological at line %d" % n
        prev = ts
    assert bad == 1, bad
    assert len(lines) >= 70, len(lines)


def readme(entries):
    kinds = Counter(e["kind"] for e in entries)
    folders = Counter()
    for e in entries:
        ln = e["line"]
        folders["whatsapp" if isinstance(ln, dict) and ln.get("channel") else
                (ln["folder"] if isinstance(ln, dict) else "inbox (truncated line)")] += 1
    cats = Counter(e["label"]["category"] for e in entries if e["kind"] != "Malformed line")
    promises = [e for e in entries if e["label"]["hasPromise"]]
    out = []
    out.append("# OpsHelm demo dataset - Northwind Harbor IT\n")
    out.append("A bundled, fictional mailbox for trying OpsHelm end to end without any provider account. "
               "Everything here (people, companies, domains, phone numbers, ticket numbers) is made up.\n")
    out.append("| file | what it is |\n|---|---|")
    out.append("| `workspace.json` | workspace `ws-demo` \"Northwind Harbor IT\" (America/Chicago): one Graph mailbox "
               "`jonah.reyes@northwindharbor.com` with the extra folder `Escalations`, 5 customers, ServiceNow "
               "(`prairieridgecu@service-now.com`) and ConnectWise (`help@northwindharbor.com`) ticket sources, "
               "blocklist with a `*@growth-hackers.io` wildcard |")
    out.append("| `mailbox.jsonl` | %d replay lines (DESIGN.md section 6), 9-20 Nov 2026, chronological |" % len(entries))
    out.append("| `expected.jsonl` | the intended label for every line, in the format `shared/samples/score.py` reads |")
    out.append("| `generate_demo.py` | the deterministic generator that writes the three files above |\n")
    out.append("Run it:\n\n```\nopshelm replay --workspace-config demo/workspace.json --input demo/mailbox.jsonl "
               "--results demo-results.jsonl\npython3 <samples>/score.py demo/expected.jsonl demo-results.jsonl\n```\n")
    out.append("Regenerate (Python 3, standard library only, fixed seed, no network; output is byte-identical):\n\n"
               "```\npython3 demo/generate_demo.py          # writes mailbox.jsonl, expected.jsonl, README.md\n"
               "python3 demo/generate_demo.py --check  # validate only\n```\n")
    out.append("## Contents\n")
    out.append("Lines per source: " + ", ".join("%s %d" % (k, v) for k, v in sorted(folders.items())) + ".\n")
    out.append("Intended categories (well-formed lines): " +
               ", ".join("%s %d" % (k, cats[k]) for k in ["Ticket", "Meeting", "SentSummary", "Internal", "Noise",
                                                           "Other"]) + ".\n")
    out.append("| kind | lines | count |\n|---|---|---|")
    for k in sorted(kinds):
        nums = [str(e["n"]) for e in entries if e["kind"] == k]
        out.append("| %s | %s | %d |" % (k, ", ".join(nums), kinds[k]))
    out.append("")
    out.append("Ticket ids: ServiceNow INC0045123, INC0045188, RITM0018342, CHG0030417 (Prairie Ridge Credit Union; "
               "REQ0021907/RITM0017760 appear only in quoted text); ConnectWise #512345 (Lakeshore Veterinary "
               "Partners), #512377 and #512433 (Calloway & Finch Architects), #512402 (Ironwood Freight Co.), "
               "#512419 (Maple Street Montessori).\n")
    out.append("## Exception cases\n")
    out.append("| line | expected reason | what |\n|---|---|---|")
    for e in entries:
        if e["label"]["exceptionReasons"]:
            out.append("| %d | %s | %s |" % (e["n"], ", ".join(e["label"]["exceptionReasons"]), e["note"]))
    out.append("")
    out.append("## Thread inheritance and quoting\n")
    out.append("| line | inherits | what |\n|---|---|---|")
    for e in entries:
        if "inherit" in e["note"]:
            out.append("| %d | %s | %s |" % (e["n"], e["label"]["ticket"]["id"], e["note"]))
    out.append("")
    out.append("## Promises in our sent mail (workspace time zone, CST = UTC-6)\n")
    out.append("| line | phrase | expected due |\n|---|---|---|")
    for e in promises:
        phrase = re.search(r"'([^']+)'", e["note"])
        out.append("| %d | %s | %s |" % (e["n"], phrase.group(1) if phrase else "-",
                                          e["label"]["promiseDue"] or "none (vague)"))
    out.append("")
    out.append("Line %d is a customer's own promise (\"We'll send ... by Friday\") and must not become a Commitment.\n"
               % next(e["n"] for e in entries if "customer's own promise" in e["note"]))
    return "\n".join(out)


if __name__ == "__main__":
    main()
