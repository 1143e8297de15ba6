"""Receive LeafLink webhooks: accept each newly submitted order, log each product change.

LeafLink POSTs an order or a product to the URLs registered in its dashboard (Settings >
Developer Options > Add Webhook), signed with the company's webhook key. `WebhookReceiver`
verifies each delivery before parsing it and calls the handler for its kind; here an order
arriving as Submitted is accepted through the API at once:

    LEAFLINK_WEBHOOK_KEY=... LEAFLINK_API_KEY=... python examples/webhook_receiver.py --port 8000

then register https://<your host>/leaflink/orders/ and https://<your host>/leaflink/products/.
The API calls go to the sandbox unless LEAFLINK_BASE_URL names another base URL. Serving
needs uvicorn (`pip install uvicorn`).
"""

from __future__ import annotations

import argparse
import os

import uvicorn

from leaflink import LeafLink
from leaflink.models import OrderResponseStatus
from leaflink.webhooks import OrderEvent, ProductEvent, WebhookReceiver


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    args = parser.parse_args()
    client = LeafLink(
        api_key=os.environ["LEAFLINK_API_KEY"],
        environment="sandbox",
        base_url=os.environ.get("LEAFLINK_BASE_URL"),
    )

    def on_order(event: OrderEvent) -> None:
        order = event.payload
        print(f"order {order.number}: {order.status}", flush=True)
        if order.number and order.status == OrderResponseStatus.SUBMITTED:
            accepted = client.transition_order(number=order.number, action="accept")
            print(f"order {order.number} accepted: now {accepted.status}", flush=True)

    def on_product(event: ProductEvent) -> None:
        product = event.payload
        print(f"product {product.id} {product.sku}: {product.name}", flush=True)

    receiver = WebhookReceiver(
        os.environ["LEAFLINK_WEBHOOK_KEY"], on_order=on_order, on_product=on_product
    )
    with client:
        uvicorn.run(receiver, host=args.host, port=args.port, lifespan="off")


if __name__ == "__main__":
    main()
