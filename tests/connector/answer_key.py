"""The answer key: what each operation of the connector must be, written by hand.

Reviewed against LeafLink's documentation (its API reference and its 2026-07 OpenAPI file, whose
operation summaries are given beside the less obvious lines) and the existing connector's list of
operations (`../shared/leaflink/tray-leaflink-connector.txt`). It is NOT derived from
`specs/operations.yaml` or from the generated `leaflink.OPERATIONS`: tests/connector/test_answer_key.py
holds the generated catalogue to it, so an operation bound to the wrong endpoint, or a drop-down
labelled or valued by the wrong field, fails even though the manifest and the code agree.

Change a line here only when LeafLink's documentation says the operation is something else.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Listed:
    """A drop-down drawn from every page of a list endpoint: each item's `text` field(s) (several
    joined by a space) label it, its `value` field is what is stored."""

    endpoint: str
    text: str | tuple[str, ...]
    value: str
    distinct: bool = False


@dataclass(frozen=True)
class Enumerated:
    """A drop-down of an enum of the pinned spec (a JSON pointer): each option's value is an enum
    value, labelled by itself (or by `labels`)."""

    pointer: str
    labels: tuple[tuple[str, str], ...] = ()


# Operation name (as the existing connector lists it) -> the endpoint it calls, "METHOD /path/".
ENDPOINTS: dict[str, str] = {
    "List activity entries": "GET /activity-entries/",
    "Get activity entry": "GET /activity-entries/{id}/",
    "Create activity entry": "POST /activity-entries/",
    "Update activity entry": "PATCH /activity-entries/{id}/",
    "Delete activity entry": "DELETE /activity-entries/{id}/",
    "List batches": "GET /batches/",
    "Get batch": "GET /batches/{id}/",
    "Create batch": "POST /batches/",
    "Update batch": "PATCH /batches/{id}/",
    "Delete batch": "DELETE /batches/{id}/",
    "List batch documents": "GET /batch-documents/",
    "Get batch document": "GET /batch-documents/{id}/",
    "Upload batch document": "POST /batch-documents/",
    "Delete batch document": "DELETE /batch-documents/{id}/",
    "List product batches": "GET /product-batches/",  # LeafLink: "List assignments" (of batches to products)
    "Get product batch": "GET /product-batches/{id}/",
    "Create product batch": "POST /product-batches/",
    "Delete product batch": "DELETE /product-batches/{id}/",
    "List brands": "GET /brands/",
    "Get brand": "GET /brands/{id}/",
    "List companies": "GET /companies/",
    "Get company": "GET /companies/{id}/",
    "List company staff": "GET /company-staff/",
    "Get staff member": "GET /company-staff/{id}/",
    "List contacts": "GET /contacts/",
    "Get contact": "GET /contacts/{id}/",
    "Create contact": "POST /contacts/",
    "Update contact": "PATCH /contacts/{id}/",
    "Delete contact": "DELETE /contacts/{id}/",
    "List customers": "GET /customers/",
    "Get customer": "GET /customers/{id}/",
    "Create customer": "POST /customers/",
    "Update customer": "PATCH /customers/{id}/",
    "Archive customer": "DELETE /customers/{id}/",  # LeafLink: "Archive a customer"
    "List customer tiers": "GET /customer-tiers/",
    "Get customer tier": "GET /customer-tiers/{id}/",
    "List customer statuses": "GET /customer-statuses/",
    "Get customer status": "GET /customer-statuses/{id}/",
    "Create customer status": "POST /customer-statuses/",
    "Update customer status": "PATCH /customer-statuses/{id}/",
    "Delete customer status": "DELETE /customer-statuses/{id}/",
    "List credits": "GET /credits/",
    "Get credit": "GET /credits/{id}/",
    "List facilities": "GET /inventory/facilities/",
    "Get facility": "GET /inventory/facilities/{id}/",
    "List inventory items": "GET /inventory/items/",
    "Get inventory item": "GET /inventory/items/{id}/",
    "Create inventory item": "POST /inventory/items/",
    "Update inventory item": "PATCH /inventory/items/{id}/",
    "List licenses": "GET /licenses/",
    "Get license": "GET /licenses/{id}/",
    "List license types": "GET /license-types/",
    "Get license type": "GET /license-types/{id}/",
    "List line items": "GET /line-items/",
    "Get line item": "GET /line-items/{id}/",
    "Update line item": "PATCH /line-items/{id}/",
    "Delete line item": "DELETE /line-items/{id}/",
    "Create line item": "POST /line-items/",
    "List orders": "GET /orders-received/",
    "Get order": "GET /orders-received/{number}/",
    "Update order": "PATCH /orders-received/{number}/",
    "Delete order": "DELETE /orders-received/{number}/",
    "Transition order": "POST /orders-received/{number}/transition/{action}/",
    "List buyer orders": "GET /buyer/orders/",  # the buyer side; "List orders" is the seller's orders-received
    "Create order": "POST /orders-received/",
    "List order line items": "GET /orders-received/{number}/line-items/",
    "List order payments": "GET /orders-received/{number}/payments/",
    "List order comments": "GET /orders-received/{number}/comments/",
    "Get order delivery information": "GET /orders/{order_number}/delivery-information/",  # LeafLink: "Retrieve delivery information"
    "List order event logs": "GET /order-event-logs/",
    "Get order event log": "GET /order-event-logs/{id}/",
    "List order sales reps": "GET /order-sales-reps/",
    "Get order sales rep": "GET /order-sales-reps/{id}/",
    "Create order sales rep": "POST /order-sales-reps/",
    "Delete order sales rep": "DELETE /order-sales-reps/{id}/",
    "List payments": "GET /order-payments/",
    "Get payment": "GET /order-payments/{id}/",
    "Create payment": "POST /order-payments/",
    "List products": "GET /products/",
    "Get product": "GET /products/{id}/",
    "Create product": "POST /products/",
    "Update product": "PATCH /products/{id}/",
    "Archive product": "DELETE /products/{id}/",  # LeafLink: "Archive a product"
    "List product categories": "GET /product-categories/",
    "Get product category": "GET /product-categories/{id}/",
    "List product subcategories": "GET /product-subcategories/",
    "Get product subcategory": "GET /product-subcategories/{id}/",
    "List product lines": "GET /product-lines/",
    "Get product line": "GET /product-lines/{id}/",
    "Create product line": "POST /product-lines/",
    "Update product line": "PATCH /product-lines/{id}/",
    "List product images": "GET /product-images/",
    "Get product image": "GET /product-images/{id}/",
    "Upload product image": "POST /product-images/",
    "Delete product image": "DELETE /product-images/{id}/",
    "List promo codes": "GET /promocodes/",
    "Get promo code": "GET /promocodes/{id}/",
    "Create promo code": "POST /promocodes/",
    "Update promo code": "PATCH /promocodes/{id}/",
    "Delete promo code": "DELETE /promocodes/{id}/",
    "List reports": "GET /reports/",
    "Get report": "GET /reports/{number}/",
    "Create report": "POST /reports/",
    "List retailer inventory": "GET /retailer-inventory/",  # LeafLink: "List products" (of a retailer)
    "Get retailer inventory": "GET /retailer-inventory/{id}/",
    "Create retailer inventory": "POST /retailer-inventory/",
    "Update retailer inventory": "PATCH /retailer-inventory/{id}/",
    "Delete retailer inventory": "DELETE /retailer-inventory/{id}/",
    "List strains": "GET /strains/",
    "Get strain": "GET /strains/{id}/",
    "Create strain": "POST /strains/",
}

# Drop-down name -> where its options come from, and which fields are its `text` and `value`.
DROP_DOWNS: dict[str, Listed | Enumerated] = {
    "List batches DDL": Listed("GET /batches/", text="production_batch_number", value="id"),
    "List brands DDL": Listed("GET /brands/", text="name", value="id"),
    "List companies DDL": Listed("GET /companies/", text="name", value="id"),
    # a customer record's `partner` is the id of the buying company it stands for
    "List buyers DDL": Listed("GET /customers/", text="name", value="partner"),
    # LeafLink lists no providers alone; an order stores its provider as a company id
    "List delivery providers DDL": Listed("GET /companies/", text="name", value="id"),
    "List company staff DDL": Listed("GET /company-staff/", text="display_name", value="id"),
    "List contacts DDL": Listed("GET /contacts/", text=("first_name", "last_name"), value="id"),
    "List customers DDL": Listed("GET /customers/", text="name", value="id"),
    "List customer tiers DDL": Listed("GET /customer-tiers/", text="rank", value="id"),
    "List customer statuses DDL": Listed("GET /customer-statuses/", text="state", value="id"),
    "List facilities DDL": Listed("GET /inventory/facilities/", text="name", value="id"),
    "List licenses DDL": Listed("GET /licenses/", text="number", value="id"),
    "List license numbers DDL": Listed("GET /licenses/", text="number", value="number"),
    "List license types DDL": Listed("GET /license-types/", text="display_type", value="id"),
    "List license classifications DDL": Listed(
        "GET /license-types/", text="classification", value="classification", distinct=True
    ),
    "List orders DDL": Listed("GET /orders-received/", text="short_id", value="number"),
    "List products DDL": Listed("GET /products/", text="name", value="id"),
    "List product categories DDL": Listed("GET /product-categories/", text="name", value="id"),
    "List product subcategories DDL": Listed(
        "GET /product-subcategories/", text="name", value="id"
    ),
    "List product lines DDL": Listed("GET /product-lines/", text="name", value="id"),
    "List promo codes DDL": Listed("GET /promocodes/", text="code", value="id"),
    "List strains DDL": Listed("GET /strains/", text="name", value="id"),
    "List order statuses DDL": Enumerated("#/components/schemas/OrderResponse/properties/status"),
    "List listing states DDL": Enumerated(
        "#/components/schemas/ProductResponse/properties/listing_state"
    ),
    "List strain classifications DDL": Enumerated(
        "#/components/schemas/StrainResponse/properties/strain_classification",
        labels=(
            ("sativa", "Sativa"),
            ("indica", "Indica"),
            ("hybrid", "Hybrid"),
            ("na", "Not applicable"),
            ("11-cbd", "1:1 CBD"),
            ("high-cbd", "High CBD"),
            ("sativa-hybrid", "Sativa-dominant hybrid"),
            ("indica-hybrid", "Indica-dominant hybrid"),
        ),
    ),
}

# Served without a request: name -> the enum of the pinned spec it lists.
LOCAL: dict[str, str] = {
    "List order statuses": "#/components/schemas/OrderResponse/properties/status",
}

RAW = "Raw HTTP request (advanced)"
