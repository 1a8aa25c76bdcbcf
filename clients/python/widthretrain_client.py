#!/usr/bin/python3
"""Start a WidthRetrain campaign from Python and follow it, over RabbitMQ only (no .NET).

What it shows an integrator (see docs/integrating.md and docs/asyncapi.json):
  * a command is a JSON document in MassTransit's envelope, published to the command's exchange
    ("{prefix.}WidthRetrain.Contracts.Campaigns:StartCampaign", fanout; the planner binds its queue to it);
  * the suite publishes its subscriber events to one topic exchange, "{prefix.}widthretrain.events", with the routing
    key "{event}.{campaign id}"; bind a queue of your own to it ("*.*.{id}" follows one campaign).

Usage:
  widthretrain_client.py --url amqp://user:password@host:5672/vhost [--prefix P] [--spec spec.json]
                         [--campaign-id UUID] [--timeout SECONDS] [--summary summary.json]
The password may come from the environment instead: WIDTHRETRAIN_RABBITMQ=amqp://... (keeps it out of `ps`).

Prints one line per event; writes a JSON summary (status, rounds heard, decisions); exits 0 when the campaign
completed, 1 when it failed or was rejected, 2 on bad usage or a suite that cannot be reached, 3 on timeout.
Only Debian's python3-pika is needed.
"""
import argparse
import datetime
import json
import os
import sys
import time
import uuid

import pika

ENVELOPE = "application/vnd.masstransit+json"
START_CAMPAIGN = "WidthRetrain.Contracts.Campaigns:StartCampaign"
EVENTS = "widthretrain.events"
FINAL = ("campaign.completed", "campaign.failed", "campaign.rejected")

# A small staged investment on synthetic data: about a minute on 2 cores. Fields left out get the suite's defaults.
DEFAULT_SPEC = {
    "name": "from-python",
    "dataset": {"name": "synthetic", "trainLimit": 600, "testLimit": 200},
    "drift": {"kind": "rotation", "tasks": 2},
    "seeds": [1, 2],
    "training": {"learningRate": 0.05, "epochsPerTask": 1},
    "policy": {"startWidth": 16, "growthFactor": 2, "capWidth": 64, "minimumGain": 0, "returnThreshold": 0,
               "confidence": 0.6, "useForecast": False},
}


def entity(prefix, name):
    """Exchange names carry the suite's endpoint prefix, if it has one."""
    return f"{prefix}.{name}" if prefix else name


def envelope(message_type, message, destination):
    """MassTransit's JSON envelope: the payload goes in "message", its type as a URN in "messageType"."""
    now = datetime.datetime.now(datetime.timezone.utc).isoformat()
    return {
        "messageId": str(uuid.uuid4()),
        "conversationId": str(uuid.uuid4()),
        "destinationAddress": destination,
        "messageType": [f"urn:message:{message_type}"],
        "message": message,
        "sentTime": now,
        "headers": {},
        "host": {"machineName": os.uname().nodename, "processName": "widthretrain_client.py", "processId": os.getpid()},
    }


def describe(key, event):
    """One line per event, from the payload the suite published."""
    if key == "round.recorded":
        r = event["round"]
        return (f"round   stage {r['stage']} {r['arm']} seed {r['seed']} task {r['taskIndex'] + 1}/{r['taskCount']}: "
                f"average accuracy {100 * event['averageAccuracy']:.1f} %, cost {event['cumulativeCost']:.6g} {event['cost']['currency']}")
    if key == "decision.made":
        d = event["decision"]
        return f"decide  stage {d['stage']}: {d['action']}{' (' + d['reason'] + ')' if d.get('reason') and d['action'] == 'Stop' else ''}: {d['explanation']}"
    if key == "stage.concluded":
        return f"stage   {event['stage']} concluded: {', '.join(a['arm'] for a in event['arms'])}"
    if key == "campaign.rejected":
        return "rejected: " + "; ".join(event["problems"])
    if key == "campaign.failed":
        return "failed: " + event["reason"]
    if key == "campaign.completed":
        return f"completed: {event['rounds']} rounds, total cost {event['totalCost']:.6g}"
    return key.replace(".", " ")


def identity_of(key, event):
    """What makes an event unique within its campaign: the round, the stage, or nothing (one per campaign)."""
    if key == "round.recorded":
        return event["round"]["roundId"]
    if key in ("stage.started", "stage.concluded"):
        return event["stage"]
    if key == "decision.made":
        return event["decision"]["stage"]
    return ""


def run(args):
    url = args.url or os.environ.get("WIDTHRETRAIN_RABBITMQ")
    if not url:
        print("--url: required (or WIDTHRETRAIN_RABBITMQ), e.g. amqp://user:password@127.0.0.1:5672/widthretrain", file=sys.stderr)
        return 2
    spec = DEFAULT_SPEC
    if args.spec:
        with open(args.spec, encoding="utf-8") as f:
            spec = json.load(f)
    campaign = args.campaign_id or str(uuid.uuid4())
    params = pika.URLParameters(url)
    try:
        connection = pika.BlockingConnection(params)
    except pika.exceptions.AMQPError as e:
        print(f"cannot reach RabbitMQ at {params.host}:{params.port} vhost {params.virtual_host}: {e!r}", file=sys.stderr)
        return 2
    channel = connection.channel()
    channel.confirm_delivery()  # the broker confirms each publish, and returns one no queue takes

    # Subscribe before starting, so nothing is missed: a queue of our own, bound to this campaign's events only.
    queue = f"integrator.{campaign}"
    channel.queue_declare(queue, exclusive=True, auto_delete=True)
    events = entity(args.prefix, EVENTS)
    try:
        channel.queue_bind(queue, events, routing_key=f"*.*.{campaign}")
    except pika.exceptions.ChannelClosedByBroker as e:
        print(f"cannot subscribe to exchange {events}: {e.reply_text} (is the suite's planner running with this prefix?)", file=sys.stderr)
        return 2

    exchange = entity(args.prefix, START_CAMPAIGN)
    command = envelope(START_CAMPAIGN, {"campaignId": campaign, "spec": spec}, f"rabbitmq://{params.host}/{exchange}")
    try:
        channel.basic_publish(exchange, "", json.dumps(command).encode("utf-8"), mandatory=True,
                              properties=pika.BasicProperties(content_type=ENVELOPE, delivery_mode=2, message_id=command["messageId"]))
    except pika.exceptions.UnroutableError:
        print(f"nobody takes StartCampaign on {exchange}: is the suite's planner running?", file=sys.stderr)
        return 2
    except pika.exceptions.ChannelClosedByBroker as e:
        print(f"cannot publish to {exchange}: {e.reply_text}", file=sys.stderr)
        return 2
    print(f"started campaign {campaign}", flush=True)

    summary = {"campaignId": campaign, "status": "running", "rounds": 0, "decisions": [], "events": []}
    seen = set()
    deadline = time.monotonic() + args.timeout
    for method, properties, body in channel.consume(queue, inactivity_timeout=1.0):
        if method is None:
            if time.monotonic() > deadline:
                print(f"campaign {campaign}: no end after {args.timeout} s", file=sys.stderr)
                summary["status"] = "timeout"
                break
            continue
        key = method.routing_key.rsplit(".", 1)[0]
        event = json.loads(body)["message"]
        channel.basic_ack(method.delivery_tag)
        # Delivery is at least once: a repeat (same event, same round or stage) is dropped here.
        identity = (key, identity_of(key, event))
        if identity in seen:
            continue
        seen.add(identity)
        summary["events"].append(key)
        print(describe(key, event), flush=True)
        if key == "round.recorded":
            summary["rounds"] += 1
        elif key == "decision.made":
            d = event["decision"]
            summary["decisions"].append({"stage": d["stage"], "action": d["action"], "reason": d.get("reason"),
                                         "explanation": d["explanation"], "incumbentWidth": d.get("incumbentWidth")})
        if key in FINAL:
            summary["status"] = key.split(".")[1]
            break
    channel.cancel()
    connection.close()
    if args.summary:
        with open(args.summary, "w", encoding="utf-8") as f:
            json.dump(summary, f, indent=2)
    return {"completed": 0, "timeout": 3}.get(summary["status"], 1)


def main():
    p = argparse.ArgumentParser(description="Start a WidthRetrain campaign and follow its events over RabbitMQ.")
    p.add_argument("--url", help="amqp://user:password@host:5672/vhost (default: $WIDTHRETRAIN_RABBITMQ)")
    p.add_argument("--prefix", default="", help="the suite's endpoint prefix (Bus:EndpointPrefix), if it has one")
    p.add_argument("--spec", help="a campaign spec as JSON (docs/campaign-spec.md); default: a small staged investment")
    p.add_argument("--campaign-id", help="the campaign's id (a UUID); sending the same id again starts nothing twice")
    p.add_argument("--timeout", type=float, default=900, help="seconds to wait for the campaign's end (default 900)")
    p.add_argument("--summary", help="write what was heard (status, rounds, decisions) to this JSON file")
    sys.exit(run(p.parse_args()))


if __name__ == "__main__":
    main()
