"""The exact disagreements our spec has with LeafLink's 2026-07 file on purpose (issue 20).

Each line names one location and one difference, "METHOD /path/: location fact: theirs OLD -> ours
NEW" (LeafLink's file, then ours), under the label of the repair it belongs to; its reason is
`REASONS[label]` in tests/test_conformance.py. tests/test_conformance.py fails on a disagreement
not written here, character for character, and on a line here that no disagreement matches.
The list filters (tests/filter_repairs.py) are made exact in tests/test_conformance.py.

When LeafLink's file changes: review each new disagreement, then add its line here by hand.
"""

from __future__ import annotations

EXACT_REPAIRS: dict[str, tuple[str, ...]] = {
    "GET /strains/{id}/: parameter path id": (
        "GET /strains/{id}/: parameter path id: theirs absent -> ours present",
    ),
    "GET /buyer/orders/: response 200 application/json $.next nullable": (
        "GET /buyer/orders/: response 200 application/json $.next nullable: theirs False -> ours True",
    ),
    "GET /buyer/orders/: response 200 application/json $.previous nullable": (
        "GET /buyer/orders/: response 200 application/json $.previous nullable: theirs False -> ours True",
    ),
    "GET /buyer/orders/: response 200 application/json $.results[].line_items[].product.brand type": (
        "GET /buyer/orders/: response 200 application/json $.results[].line_items[].product.brand type: theirs 'objet' -> ours 'object'",
    ),
    "POST /product-images/: request body multipart/form-data $.position nullable": (
        "POST /product-images/: request body multipart/form-data $.position nullable: theirs False -> ours True",
    ),
    "$.available_payment_options[].is_default type": (
        "PATCH /customers/{id}/: request body application/json $.available_payment_options[].is_default type: theirs 'bool' -> ours 'boolean'",
        "POST /customers/: request body application/json $.available_payment_options[].is_default type: theirs 'bool' -> ours 'boolean'",
    ),
    "$.available_payment_options": (
        "DELETE /customers/{id}/: response 200 application/json $.available_payment_options required: theirs ['payment_method_id', 'payment_term_id'] -> ours []",
        "DELETE /customers/{id}/: response 200 application/json $.available_payment_options.id: theirs present -> ours absent",
        "DELETE /customers/{id}/: response 200 application/json $.available_payment_options.payment_method_id: theirs present -> ours absent",
        "DELETE /customers/{id}/: response 200 application/json $.available_payment_options.payment_program: theirs present -> ours absent",
        "DELETE /customers/{id}/: response 200 application/json $.available_payment_options.payment_strategy: theirs present -> ours absent",
        "DELETE /customers/{id}/: response 200 application/json $.available_payment_options.payment_term_id: theirs present -> ours absent",
        "DELETE /customers/{id}/: response 200 application/json $.available_payment_options[] required: theirs [] -> ours ['payment_method_id', 'payment_term_id']",
        "DELETE /customers/{id}/: response 200 application/json $.available_payment_options[] type: theirs absent -> ours 'object'",
        "DELETE /customers/{id}/: response 200 application/json $.available_payment_options[].id: theirs absent -> ours present",
        "DELETE /customers/{id}/: response 200 application/json $.available_payment_options[].payment_method_id: theirs absent -> ours present",
        "DELETE /customers/{id}/: response 200 application/json $.available_payment_options[].payment_program: theirs absent -> ours present",
        "DELETE /customers/{id}/: response 200 application/json $.available_payment_options[].payment_strategy: theirs absent -> ours present",
        "DELETE /customers/{id}/: response 200 application/json $.available_payment_options[].payment_term_id: theirs absent -> ours present",
        "GET /customers/: response 200 application/json $.results[].available_payment_options required: theirs ['payment_method_id', 'payment_term_id'] -> ours []",
        "GET /customers/: response 200 application/json $.results[].available_payment_options.id: theirs present -> ours absent",
        "GET /customers/: response 200 application/json $.results[].available_payment_options.payment_method_id: theirs present -> ours absent",
        "GET /customers/: response 200 application/json $.results[].available_payment_options.payment_program: theirs present -> ours absent",
        "GET /customers/: response 200 application/json $.results[].available_payment_options.payment_strategy: theirs present -> ours absent",
        "GET /customers/: response 200 application/json $.results[].available_payment_options.payment_term_id: theirs present -> ours absent",
        "GET /customers/: response 200 application/json $.results[].available_payment_options[] required: theirs [] -> ours ['payment_method_id', 'payment_term_id']",
        "GET /customers/: response 200 application/json $.results[].available_payment_options[] type: theirs absent -> ours 'object'",
        "GET /customers/: response 200 application/json $.results[].available_payment_options[].id: theirs absent -> ours present",
        "GET /customers/: response 200 application/json $.results[].available_payment_options[].payment_method_id: theirs absent -> ours present",
        "GET /customers/: response 200 application/json $.results[].available_payment_options[].payment_program: theirs absent -> ours present",
        "GET /customers/: response 200 application/json $.results[].available_payment_options[].payment_strategy: theirs absent -> ours present",
        "GET /customers/: response 200 application/json $.results[].available_payment_options[].payment_term_id: theirs absent -> ours present",
        "GET /customers/{id}/: response 200 application/json $.available_payment_options required: theirs ['payment_method_id', 'payment_term_id'] -> ours []",
        "GET /customers/{id}/: response 200 application/json $.available_payment_options.id: theirs present -> ours absent",
        "GET /customers/{id}/: response 200 application/json $.available_payment_options.payment_method_id: theirs present -> ours absent",
        "GET /customers/{id}/: response 200 application/json $.available_payment_options.payment_program: theirs present -> ours absent",
        "GET /customers/{id}/: response 200 application/json $.available_payment_options.payment_strategy: theirs present -> ours absent",
        "GET /customers/{id}/: response 200 application/json $.available_payment_options.payment_term_id: theirs present -> ours absent",
        "GET /customers/{id}/: response 200 application/json $.available_payment_options[] required: theirs [] -> ours ['payment_method_id', 'payment_term_id']",
        "GET /customers/{id}/: response 200 application/json $.available_payment_options[] type: theirs absent -> ours 'object'",
        "GET /customers/{id}/: response 200 application/json $.available_payment_options[].id: theirs absent -> ours present",
        "GET /customers/{id}/: response 200 application/json $.available_payment_options[].payment_method_id: theirs absent -> ours present",
        "GET /customers/{id}/: response 200 application/json $.available_payment_options[].payment_program: theirs absent -> ours present",
        "GET /customers/{id}/: response 200 application/json $.available_payment_options[].payment_strategy: theirs absent -> ours present",
        "GET /customers/{id}/: response 200 application/json $.available_payment_options[].payment_term_id: theirs absent -> ours present",
        "PATCH /customers/{id}/: response 200 application/json $.available_payment_options required: theirs ['payment_method_id', 'payment_term_id'] -> ours []",
        "PATCH /customers/{id}/: response 200 application/json $.available_payment_options.id: theirs present -> ours absent",
        "PATCH /customers/{id}/: response 200 application/json $.available_payment_options.payment_method_id: theirs present -> ours absent",
        "PATCH /customers/{id}/: response 200 application/json $.available_payment_options.payment_program: theirs present -> ours absent",
        "PATCH /customers/{id}/: response 200 application/json $.available_payment_options.payment_strategy: theirs present -> ours absent",
        "PATCH /customers/{id}/: response 200 application/json $.available_payment_options.payment_term_id: theirs present -> ours absent",
        "PATCH /customers/{id}/: response 200 application/json $.available_payment_options[] required: theirs [] -> ours ['payment_method_id', 'payment_term_id']",
        "PATCH /customers/{id}/: response 200 application/json $.available_payment_options[] type: theirs absent -> ours 'object'",
        "PATCH /customers/{id}/: response 200 application/json $.available_payment_options[].id: theirs absent -> ours present",
        "PATCH /customers/{id}/: response 200 application/json $.available_payment_options[].payment_method_id: theirs absent -> ours present",
        "PATCH /customers/{id}/: response 200 application/json $.available_payment_options[].payment_program: theirs absent -> ours present",
        "PATCH /customers/{id}/: response 200 application/json $.available_payment_options[].payment_strategy: theirs absent -> ours present",
        "PATCH /customers/{id}/: response 200 application/json $.available_payment_options[].payment_term_id: theirs absent -> ours present",
        "POST /customers/: response 201 application/json $.available_payment_options required: theirs ['payment_method_id', 'payment_term_id'] -> ours []",
        "POST /customers/: response 201 application/json $.available_payment_options.id: theirs present -> ours absent",
        "POST /customers/: response 201 application/json $.available_payment_options.payment_method_id: theirs present -> ours absent",
        "POST /customers/: response 201 application/json $.available_payment_options.payment_program: theirs present -> ours absent",
        "POST /customers/: response 201 application/json $.available_payment_options.payment_strategy: theirs present -> ours absent",
        "POST /customers/: response 201 application/json $.available_payment_options.payment_term_id: theirs present -> ours absent",
        "POST /customers/: response 201 application/json $.available_payment_options[] required: theirs [] -> ours ['payment_method_id', 'payment_term_id']",
        "POST /customers/: response 201 application/json $.available_payment_options[] type: theirs absent -> ours 'object'",
        "POST /customers/: response 201 application/json $.available_payment_options[].id: theirs absent -> ours present",
        "POST /customers/: response 201 application/json $.available_payment_options[].payment_method_id: theirs absent -> ours present",
        "POST /customers/: response 201 application/json $.available_payment_options[].payment_program: theirs absent -> ours present",
        "POST /customers/: response 201 application/json $.available_payment_options[].payment_strategy: theirs absent -> ours present",
        "POST /customers/: response 201 application/json $.available_payment_options[].payment_term_id: theirs absent -> ours present",
    ),
    "POST /orders-received/{number}/transition/{action}/: parameter path action $ enum": (
        "POST /orders-received/{number}/transition/{action}/: parameter path action $ enum: theirs absent -> ours ['submit', 'accept', 'fulfill', 'cancel', 'reject', 'ship', 'complete']",
    ),
    "$.selected_payment_option": (
        "GET /orders-received/: response 200 application/json $.results[].selected_payment_option type: theirs absent -> ours 'object'",
        "GET /orders-received/: response 200 application/json $.results[].selected_payment_option.id: theirs absent -> ours present",
        "GET /orders-received/: response 200 application/json $.results[].selected_payment_option.is_default: theirs absent -> ours present",
        "GET /orders-received/: response 200 application/json $.results[].selected_payment_option.payment_method: theirs absent -> ours present",
        "GET /orders-received/: response 200 application/json $.results[].selected_payment_option.payment_program: theirs absent -> ours present",
        "GET /orders-received/: response 200 application/json $.results[].selected_payment_option.payment_strategy: theirs absent -> ours present",
        "GET /orders-received/: response 200 application/json $.results[].selected_payment_option.payment_term: theirs absent -> ours present",
        "GET /orders-received/{number}/: response 200 application/json $.selected_payment_option type: theirs absent -> ours 'object'",
        "GET /orders-received/{number}/: response 200 application/json $.selected_payment_option.id: theirs absent -> ours present",
        "GET /orders-received/{number}/: response 200 application/json $.selected_payment_option.is_default: theirs absent -> ours present",
        "GET /orders-received/{number}/: response 200 application/json $.selected_payment_option.payment_method: theirs absent -> ours present",
        "GET /orders-received/{number}/: response 200 application/json $.selected_payment_option.payment_program: theirs absent -> ours present",
        "GET /orders-received/{number}/: response 200 application/json $.selected_payment_option.payment_strategy: theirs absent -> ours present",
        "GET /orders-received/{number}/: response 200 application/json $.selected_payment_option.payment_term: theirs absent -> ours present",
        "PATCH /orders-received/{number}/: response 200 application/json $.selected_payment_option type: theirs absent -> ours 'object'",
        "PATCH /orders-received/{number}/: response 200 application/json $.selected_payment_option.id: theirs absent -> ours present",
        "PATCH /orders-received/{number}/: response 200 application/json $.selected_payment_option.is_default: theirs absent -> ours present",
        "PATCH /orders-received/{number}/: response 200 application/json $.selected_payment_option.payment_method: theirs absent -> ours present",
        "PATCH /orders-received/{number}/: response 200 application/json $.selected_payment_option.payment_program: theirs absent -> ours present",
        "PATCH /orders-received/{number}/: response 200 application/json $.selected_payment_option.payment_strategy: theirs absent -> ours present",
        "PATCH /orders-received/{number}/: response 200 application/json $.selected_payment_option.payment_term: theirs absent -> ours present",
        "POST /orders-received/: response 201 application/json $.selected_payment_option type: theirs absent -> ours 'object'",
        "POST /orders-received/: response 201 application/json $.selected_payment_option.id: theirs absent -> ours present",
        "POST /orders-received/: response 201 application/json $.selected_payment_option.is_default: theirs absent -> ours present",
        "POST /orders-received/: response 201 application/json $.selected_payment_option.payment_method: theirs absent -> ours present",
        "POST /orders-received/: response 201 application/json $.selected_payment_option.payment_program: theirs absent -> ours present",
        "POST /orders-received/: response 201 application/json $.selected_payment_option.payment_strategy: theirs absent -> ours present",
        "POST /orders-received/: response 201 application/json $.selected_payment_option.payment_term: theirs absent -> ours present",
        "POST /orders-received/{number}/transition/{action}/: response 200 application/json $.selected_payment_option type: theirs absent -> ours 'object'",
        "POST /orders-received/{number}/transition/{action}/: response 200 application/json $.selected_payment_option.id: theirs absent -> ours present",
        "POST /orders-received/{number}/transition/{action}/: response 200 application/json $.selected_payment_option.is_default: theirs absent -> ours present",
        "POST /orders-received/{number}/transition/{action}/: response 200 application/json $.selected_payment_option.payment_method: theirs absent -> ours present",
        "POST /orders-received/{number}/transition/{action}/: response 200 application/json $.selected_payment_option.payment_program: theirs absent -> ours present",
        "POST /orders-received/{number}/transition/{action}/: response 200 application/json $.selected_payment_option.payment_strategy: theirs absent -> ours present",
        "POST /orders-received/{number}/transition/{action}/: response 200 application/json $.selected_payment_option.payment_term: theirs absent -> ours present",
    ),
    "GET /products/: response 200 application/json $.results[].retail_price.amount": (
        "GET /products/: response 200 application/json $.results[].retail_price.amount anyOf: theirs absent -> ours 2",
        "GET /products/: response 200 application/json $.results[].retail_price.amount format: theirs 'decimal' -> ours absent",
        "GET /products/: response 200 application/json $.results[].retail_price.amount type: theirs 'string' -> ours absent",
    ),
    "GET /products/: response 200 application/json $.results[].wholesale_price.amount": (
        "GET /products/: response 200 application/json $.results[].wholesale_price.amount anyOf: theirs absent -> ours 2",
        "GET /products/: response 200 application/json $.results[].wholesale_price.amount format: theirs 'decimal' -> ours absent",
        "GET /products/: response 200 application/json $.results[].wholesale_price.amount type: theirs 'string' -> ours absent",
    ),
    "GET /products/: response 200 application/json $.results[].sale_price.amount": (
        "GET /products/: response 200 application/json $.results[].sale_price.amount anyOf: theirs absent -> ours 2",
        "GET /products/: response 200 application/json $.results[].sale_price.amount format: theirs 'decimal' -> ours absent",
        "GET /products/: response 200 application/json $.results[].sale_price.amount type: theirs 'string' -> ours absent",
    ),
    "GET /products/: response 200 application/json $.results[].available_inventory": (
        "GET /products/: response 200 application/json $.results[].available_inventory anyOf: theirs absent -> ours 2",
        "GET /products/: response 200 application/json $.results[].available_inventory type: theirs 'string' -> ours absent",
    ),
    "GET /products/: response 200 application/json $.results[].price_schedule_price": (
        "GET /products/: response 200 application/json $.results[].price_schedule_price required: theirs [] -> ours ['amount', 'currency']",
        "GET /products/: response 200 application/json $.results[].price_schedule_price type: theirs 'string' -> ours 'object'",
        "GET /products/: response 200 application/json $.results[].price_schedule_price.amount: theirs absent -> ours present",
        "GET /products/: response 200 application/json $.results[].price_schedule_price.currency: theirs absent -> ours present",
    ),
    "GET /products/: response 200 application/json $.results[].children_count type": (
        "GET /products/: response 200 application/json $.results[].children_count type: theirs 'string' -> ours 'integer'",
    ),
    "GET /products/: response 200 application/json $.results[].image_count type": (
        "GET /products/: response 200 application/json $.results[].image_count type: theirs 'string' -> ours 'integer'",
    ),
    "GET /products/: response 200 application/json $.results[].inventory_management type": (
        "GET /products/: response 200 application/json $.results[].inventory_management type: theirs 'string' -> ours 'integer'",
    ),
    "GET /products/: response 200 application/json $.results[].has_deals_eligible_children type": (
        "GET /products/: response 200 application/json $.results[].has_deals_eligible_children type: theirs 'string' -> ours 'boolean'",
    ),
    "GET /products/: response 200 application/json $.results[].drop_date nullable": (
        "GET /products/: response 200 application/json $.results[].drop_date nullable: theirs False -> ours True",
    ),
    "GET /products/: response 200 application/json $.results[].dropped nullable": (
        "GET /products/: response 200 application/json $.results[].dropped nullable: theirs False -> ours True",
    ),
    "GET /products/: response 200 application/json $.results[].maximum_order nullable": (
        "GET /products/: response 200 application/json $.results[].maximum_order nullable: theirs False -> ours True",
    ),
    "GET /products/: response 200 application/json $.results[].extern_acct_id nullable": (
        "GET /products/: response 200 application/json $.results[].extern_acct_id nullable: theirs False -> ours True",
    ),
    "GET /products/: response 200 application/json $.results[].tagline nullable": (
        "GET /products/: response 200 application/json $.results[].tagline nullable: theirs False -> ours True",
    ),
    "GET /products/: response 200 application/json $.results[].grow_type nullable": (
        "GET /products/: response 200 application/json $.results[].grow_type nullable: theirs False -> ours True",
    ),
    "GET /products/: response 200 application/json $.results[].extern_sts_ids nullable": (
        "GET /products/: response 200 application/json $.results[].extern_sts_ids nullable: theirs False -> ours True",
    ),
    "GET /products/: response 200 application/json $.results[].base_units_per_unit nullable": (
        "GET /products/: response 200 application/json $.results[].base_units_per_unit nullable: theirs False -> ours True",
    ),
    "GET /products/: response 200 application/json $.results[].parent nullable": (
        "GET /products/: response 200 application/json $.results[].parent nullable: theirs False -> ours True",
    ),
    "GET /products/{id}/: response 200 application/json $.retail_price.amount": (
        "GET /products/{id}/: response 200 application/json $.retail_price.amount anyOf: theirs absent -> ours 2",
        "GET /products/{id}/: response 200 application/json $.retail_price.amount format: theirs 'decimal' -> ours absent",
        "GET /products/{id}/: response 200 application/json $.retail_price.amount type: theirs 'string' -> ours absent",
    ),
    "GET /products/{id}/: response 200 application/json $.wholesale_price.amount": (
        "GET /products/{id}/: response 200 application/json $.wholesale_price.amount anyOf: theirs absent -> ours 2",
        "GET /products/{id}/: response 200 application/json $.wholesale_price.amount format: theirs 'decimal' -> ours absent",
        "GET /products/{id}/: response 200 application/json $.wholesale_price.amount type: theirs 'string' -> ours absent",
    ),
    "GET /products/{id}/: response 200 application/json $.sale_price.amount": (
        "GET /products/{id}/: response 200 application/json $.sale_price.amount anyOf: theirs absent -> ours 2",
        "GET /products/{id}/: response 200 application/json $.sale_price.amount format: theirs 'decimal' -> ours absent",
        "GET /products/{id}/: response 200 application/json $.sale_price.amount type: theirs 'string' -> ours absent",
    ),
    "GET /products/{id}/: response 200 application/json $.available_inventory": (
        "GET /products/{id}/: response 200 application/json $.available_inventory anyOf: theirs absent -> ours 2",
        "GET /products/{id}/: response 200 application/json $.available_inventory type: theirs 'string' -> ours absent",
    ),
    "GET /products/{id}/: response 200 application/json $.price_schedule_price": (
        "GET /products/{id}/: response 200 application/json $.price_schedule_price required: theirs [] -> ours ['amount', 'currency']",
        "GET /products/{id}/: response 200 application/json $.price_schedule_price type: theirs 'string' -> ours 'object'",
        "GET /products/{id}/: response 200 application/json $.price_schedule_price.amount: theirs absent -> ours present",
        "GET /products/{id}/: response 200 application/json $.price_schedule_price.currency: theirs absent -> ours present",
    ),
    "GET /products/{id}/: response 200 application/json $.children_count type": (
        "GET /products/{id}/: response 200 application/json $.children_count type: theirs 'string' -> ours 'integer'",
    ),
    "GET /products/{id}/: response 200 application/json $.image_count type": (
        "GET /products/{id}/: response 200 application/json $.image_count type: theirs 'string' -> ours 'integer'",
    ),
    "GET /products/{id}/: response 200 application/json $.inventory_management type": (
        "GET /products/{id}/: response 200 application/json $.inventory_management type: theirs 'string' -> ours 'integer'",
    ),
    "GET /products/{id}/: response 200 application/json $.has_deals_eligible_children type": (
        "GET /products/{id}/: response 200 application/json $.has_deals_eligible_children type: theirs 'string' -> ours 'boolean'",
    ),
    "GET /products/{id}/: response 200 application/json $.drop_date nullable": (
        "GET /products/{id}/: response 200 application/json $.drop_date nullable: theirs False -> ours True",
    ),
    "GET /products/{id}/: response 200 application/json $.dropped nullable": (
        "GET /products/{id}/: response 200 application/json $.dropped nullable: theirs False -> ours True",
    ),
    "GET /products/{id}/: response 200 application/json $.maximum_order nullable": (
        "GET /products/{id}/: response 200 application/json $.maximum_order nullable: theirs False -> ours True",
    ),
    "GET /products/{id}/: response 200 application/json $.extern_acct_id nullable": (
        "GET /products/{id}/: response 200 application/json $.extern_acct_id nullable: theirs False -> ours True",
    ),
    "GET /products/{id}/: response 200 application/json $.tagline nullable": (
        "GET /products/{id}/: response 200 application/json $.tagline nullable: theirs False -> ours True",
    ),
    "GET /products/{id}/: response 200 application/json $.grow_type nullable": (
        "GET /products/{id}/: response 200 application/json $.grow_type nullable: theirs False -> ours True",
    ),
    "GET /products/{id}/: response 200 application/json $.extern_sts_ids nullable": (
        "GET /products/{id}/: response 200 application/json $.extern_sts_ids nullable: theirs False -> ours True",
    ),
    "GET /products/{id}/: response 200 application/json $.base_units_per_unit nullable": (
        "GET /products/{id}/: response 200 application/json $.base_units_per_unit nullable: theirs False -> ours True",
    ),
    "GET /products/{id}/: response 200 application/json $.parent nullable": (
        "GET /products/{id}/: response 200 application/json $.parent nullable: theirs False -> ours True",
    ),
    "POST /products/: response 201 application/json $.retail_price.amount": (
        "POST /products/: response 201 application/json $.retail_price.amount anyOf: theirs absent -> ours 2",
        "POST /products/: response 201 application/json $.retail_price.amount format: theirs 'decimal' -> ours absent",
        "POST /products/: response 201 application/json $.retail_price.amount type: theirs 'string' -> ours absent",
    ),
    "POST /products/: response 201 application/json $.wholesale_price.amount": (
        "POST /products/: response 201 application/json $.wholesale_price.amount anyOf: theirs absent -> ours 2",
        "POST /products/: response 201 application/json $.wholesale_price.amount format: theirs 'decimal' -> ours absent",
        "POST /products/: response 201 application/json $.wholesale_price.amount type: theirs 'string' -> ours absent",
    ),
    "POST /products/: response 201 application/json $.sale_price.amount": (
        "POST /products/: response 201 application/json $.sale_price.amount anyOf: theirs absent -> ours 2",
        "POST /products/: response 201 application/json $.sale_price.amount format: theirs 'decimal' -> ours absent",
        "POST /products/: response 201 application/json $.sale_price.amount type: theirs 'string' -> ours absent",
    ),
    "POST /products/: response 201 application/json $.available_inventory": (
        "POST /products/: response 201 application/json $.available_inventory anyOf: theirs absent -> ours 2",
        "POST /products/: response 201 application/json $.available_inventory type: theirs 'string' -> ours absent",
    ),
    "POST /products/: response 201 application/json $.price_schedule_price": (
        "POST /products/: response 201 application/json $.price_schedule_price required: theirs [] -> ours ['amount', 'currency']",
        "POST /products/: response 201 application/json $.price_schedule_price type: theirs 'string' -> ours 'object'",
        "POST /products/: response 201 application/json $.price_schedule_price.amount: theirs absent -> ours present",
        "POST /products/: response 201 application/json $.price_schedule_price.currency: theirs absent -> ours present",
    ),
    "POST /products/: response 201 application/json $.children_count type": (
        "POST /products/: response 201 application/json $.children_count type: theirs 'string' -> ours 'integer'",
    ),
    "POST /products/: response 201 application/json $.image_count type": (
        "POST /products/: response 201 application/json $.image_count type: theirs 'string' -> ours 'integer'",
    ),
    "POST /products/: response 201 application/json $.inventory_management type": (
        "POST /products/: response 201 application/json $.inventory_management type: theirs 'string' -> ours 'integer'",
    ),
    "POST /products/: response 201 application/json $.has_deals_eligible_children type": (
        "POST /products/: response 201 application/json $.has_deals_eligible_children type: theirs 'string' -> ours 'boolean'",
    ),
    "POST /products/: response 201 application/json $.drop_date nullable": (
        "POST /products/: response 201 application/json $.drop_date nullable: theirs False -> ours True",
    ),
    "POST /products/: response 201 application/json $.dropped nullable": (
        "POST /products/: response 201 application/json $.dropped nullable: theirs False -> ours True",
    ),
    "POST /products/: response 201 application/json $.maximum_order nullable": (
        "POST /products/: response 201 application/json $.maximum_order nullable: theirs False -> ours True",
    ),
    "POST /products/: response 201 application/json $.extern_acct_id nullable": (
        "POST /products/: response 201 application/json $.extern_acct_id nullable: theirs False -> ours True",
    ),
    "POST /products/: response 201 application/json $.tagline nullable": (
        "POST /products/: response 201 application/json $.tagline nullable: theirs False -> ours True",
    ),
    "POST /products/: response 201 application/json $.grow_type nullable": (
        "POST /products/: response 201 application/json $.grow_type nullable: theirs False -> ours True",
    ),
    "POST /products/: response 201 application/json $.extern_sts_ids nullable": (
        "POST /products/: response 201 application/json $.extern_sts_ids nullable: theirs False -> ours True",
    ),
    "POST /products/: response 201 application/json $.base_units_per_unit nullable": (
        "POST /products/: response 201 application/json $.base_units_per_unit nullable: theirs False -> ours True",
    ),
    "POST /products/: response 201 application/json $.parent nullable": (
        "POST /products/: response 201 application/json $.parent nullable: theirs False -> ours True",
    ),
    "PATCH /products/{id}/: response 200 application/json $.retail_price.amount": (
        "PATCH /products/{id}/: response 200 application/json $.retail_price.amount anyOf: theirs absent -> ours 2",
        "PATCH /products/{id}/: response 200 application/json $.retail_price.amount format: theirs 'decimal' -> ours absent",
        "PATCH /products/{id}/: response 200 application/json $.retail_price.amount type: theirs 'string' -> ours absent",
    ),
    "PATCH /products/{id}/: response 200 application/json $.wholesale_price.amount": (
        "PATCH /products/{id}/: response 200 application/json $.wholesale_price.amount anyOf: theirs absent -> ours 2",
        "PATCH /products/{id}/: response 200 application/json $.wholesale_price.amount format: theirs 'decimal' -> ours absent",
        "PATCH /products/{id}/: response 200 application/json $.wholesale_price.amount type: theirs 'string' -> ours absent",
    ),
    "PATCH /products/{id}/: response 200 application/json $.sale_price.amount": (
        "PATCH /products/{id}/: response 200 application/json $.sale_price.amount anyOf: theirs absent -> ours 2",
        "PATCH /products/{id}/: response 200 application/json $.sale_price.amount format: theirs 'decimal' -> ours absent",
        "PATCH /products/{id}/: response 200 application/json $.sale_price.amount type: theirs 'string' -> ours absent",
    ),
    "PATCH /products/{id}/: response 200 application/json $.available_inventory": (
        "PATCH /products/{id}/: response 200 application/json $.available_inventory anyOf: theirs absent -> ours 2",
        "PATCH /products/{id}/: response 200 application/json $.available_inventory type: theirs 'string' -> ours absent",
    ),
    "PATCH /products/{id}/: response 200 application/json $.price_schedule_price": (
        "PATCH /products/{id}/: response 200 application/json $.price_schedule_price required: theirs [] -> ours ['amount', 'currency']",
        "PATCH /products/{id}/: response 200 application/json $.price_schedule_price type: theirs 'string' -> ours 'object'",
        "PATCH /products/{id}/: response 200 application/json $.price_schedule_price.amount: theirs absent -> ours present",
        "PATCH /products/{id}/: response 200 application/json $.price_schedule_price.currency: theirs absent -> ours present",
    ),
    "PATCH /products/{id}/: response 200 application/json $.children_count type": (
        "PATCH /products/{id}/: response 200 application/json $.children_count type: theirs 'string' -> ours 'integer'",
    ),
    "PATCH /products/{id}/: response 200 application/json $.image_count type": (
        "PATCH /products/{id}/: response 200 application/json $.image_count type: theirs 'string' -> ours 'integer'",
    ),
    "PATCH /products/{id}/: response 200 application/json $.inventory_management type": (
        "PATCH /products/{id}/: response 200 application/json $.inventory_management type: theirs 'string' -> ours 'integer'",
    ),
    "PATCH /products/{id}/: response 200 application/json $.has_deals_eligible_children type": (
        "PATCH /products/{id}/: response 200 application/json $.has_deals_eligible_children type: theirs 'string' -> ours 'boolean'",
    ),
    "PATCH /products/{id}/: response 200 application/json $.drop_date nullable": (
        "PATCH /products/{id}/: response 200 application/json $.drop_date nullable: theirs False -> ours True",
    ),
    "PATCH /products/{id}/: response 200 application/json $.dropped nullable": (
        "PATCH /products/{id}/: response 200 application/json $.dropped nullable: theirs False -> ours True",
    ),
    "PATCH /products/{id}/: response 200 application/json $.maximum_order nullable": (
        "PATCH /products/{id}/: response 200 application/json $.maximum_order nullable: theirs False -> ours True",
    ),
    "PATCH /products/{id}/: response 200 application/json $.extern_acct_id nullable": (
        "PATCH /products/{id}/: response 200 application/json $.extern_acct_id nullable: theirs False -> ours True",
    ),
    "PATCH /products/{id}/: response 200 application/json $.tagline nullable": (
        "PATCH /products/{id}/: response 200 application/json $.tagline nullable: theirs False -> ours True",
    ),
    "PATCH /products/{id}/: response 200 application/json $.grow_type nullable": (
        "PATCH /products/{id}/: response 200 application/json $.grow_type nullable: theirs False -> ours True",
    ),
    "PATCH /products/{id}/: response 200 application/json $.extern_sts_ids nullable": (
        "PATCH /products/{id}/: response 200 application/json $.extern_sts_ids nullable: theirs False -> ours True",
    ),
    "PATCH /products/{id}/: response 200 application/json $.base_units_per_unit nullable": (
        "PATCH /products/{id}/: response 200 application/json $.base_units_per_unit nullable: theirs False -> ours True",
    ),
    "PATCH /products/{id}/: response 200 application/json $.parent nullable": (
        "PATCH /products/{id}/: response 200 application/json $.parent nullable: theirs False -> ours True",
    ),
    "DELETE /products/{id}/: response 200 application/json $.retail_price.amount": (
        "DELETE /products/{id}/: response 200 application/json $.retail_price.amount anyOf: theirs absent -> ours 2",
        "DELETE /products/{id}/: response 200 application/json $.retail_price.amount format: theirs 'decimal' -> ours absent",
        "DELETE /products/{id}/: response 200 application/json $.retail_price.amount type: theirs 'string' -> ours absent",
    ),
    "DELETE /products/{id}/: response 200 application/json $.wholesale_price.amount": (
        "DELETE /products/{id}/: response 200 application/json $.wholesale_price.amount anyOf: theirs absent -> ours 2",
        "DELETE /products/{id}/: response 200 application/json $.wholesale_price.amount format: theirs 'decimal' -> ours absent",
        "DELETE /products/{id}/: response 200 application/json $.wholesale_price.amount type: theirs 'string' -> ours absent",
    ),
    "DELETE /products/{id}/: response 200 application/json $.sale_price.amount": (
        "DELETE /products/{id}/: response 200 application/json $.sale_price.amount anyOf: theirs absent -> ours 2",
        "DELETE /products/{id}/: response 200 application/json $.sale_price.amount format: theirs 'decimal' -> ours absent",
        "DELETE /products/{id}/: response 200 application/json $.sale_price.amount type: theirs 'string' -> ours absent",
    ),
    "DELETE /products/{id}/: response 200 application/json $.available_inventory": (
        "DELETE /products/{id}/: response 200 application/json $.available_inventory anyOf: theirs absent -> ours 2",
        "DELETE /products/{id}/: response 200 application/json $.available_inventory type: theirs 'string' -> ours absent",
    ),
    "DELETE /products/{id}/: response 200 application/json $.price_schedule_price": (
        "DELETE /products/{id}/: response 200 application/json $.price_schedule_price required: theirs [] -> ours ['amount', 'currency']",
        "DELETE /products/{id}/: response 200 application/json $.price_schedule_price type: theirs 'string' -> ours 'object'",
        "DELETE /products/{id}/: response 200 application/json $.price_schedule_price.amount: theirs absent -> ours present",
        "DELETE /products/{id}/: response 200 application/json $.price_schedule_price.currency: theirs absent -> ours present",
    ),
    "DELETE /products/{id}/: response 200 application/json $.children_count type": (
        "DELETE /products/{id}/: response 200 application/json $.children_count type: theirs 'string' -> ours 'integer'",
    ),
    "DELETE /products/{id}/: response 200 application/json $.image_count type": (
        "DELETE /products/{id}/: response 200 application/json $.image_count type: theirs 'string' -> ours 'integer'",
    ),
    "DELETE /products/{id}/: response 200 application/json $.inventory_management type": (
        "DELETE /products/{id}/: response 200 application/json $.inventory_management type: theirs 'string' -> ours 'integer'",
    ),
    "DELETE /products/{id}/: response 200 application/json $.has_deals_eligible_children type": (
        "DELETE /products/{id}/: response 200 application/json $.has_deals_eligible_children type: theirs 'string' -> ours 'boolean'",
    ),
    "DELETE /products/{id}/: response 200 application/json $.drop_date nullable": (
        "DELETE /products/{id}/: response 200 application/json $.drop_date nullable: theirs False -> ours True",
    ),
    "DELETE /products/{id}/: response 200 application/json $.dropped nullable": (
        "DELETE /products/{id}/: response 200 application/json $.dropped nullable: theirs False -> ours True",
    ),
    "DELETE /products/{id}/: response 200 application/json $.maximum_order nullable": (
        "DELETE /products/{id}/: response 200 application/json $.maximum_order nullable: theirs False -> ours True",
    ),
    "DELETE /products/{id}/: response 200 application/json $.extern_acct_id nullable": (
        "DELETE /products/{id}/: response 200 application/json $.extern_acct_id nullable: theirs False -> ours True",
    ),
    "DELETE /products/{id}/: response 200 application/json $.tagline nullable": (
        "DELETE /products/{id}/: response 200 application/json $.tagline nullable: theirs False -> ours True",
    ),
    "DELETE /products/{id}/: response 200 application/json $.grow_type nullable": (
        "DELETE /products/{id}/: response 200 application/json $.grow_type nullable: theirs False -> ours True",
    ),
    "DELETE /products/{id}/: response 200 application/json $.extern_sts_ids nullable": (
        "DELETE /products/{id}/: response 200 application/json $.extern_sts_ids nullable: theirs False -> ours True",
    ),
    "DELETE /products/{id}/: response 200 application/json $.base_units_per_unit nullable": (
        "DELETE /products/{id}/: response 200 application/json $.base_units_per_unit nullable: theirs False -> ours True",
    ),
    "DELETE /products/{id}/: response 200 application/json $.parent nullable": (
        "DELETE /products/{id}/: response 200 application/json $.parent nullable: theirs False -> ours True",
    ),
    "GET /orders-received/: response 200 application/json $.results[].shipping_charge.amount": (
        "GET /orders-received/: response 200 application/json $.results[].shipping_charge.amount anyOf: theirs absent -> ours 2",
        "GET /orders-received/: response 200 application/json $.results[].shipping_charge.amount format: theirs 'decimal' -> ours absent",
        "GET /orders-received/: response 200 application/json $.results[].shipping_charge.amount type: theirs 'string' -> ours absent",
    ),
    "GET /orders-received/: response 200 application/json $.results[].total.amount": (
        "GET /orders-received/: response 200 application/json $.results[].total.amount anyOf: theirs absent -> ours 2",
        "GET /orders-received/: response 200 application/json $.results[].total.amount format: theirs 'decimal' -> ours absent",
        "GET /orders-received/: response 200 application/json $.results[].total.amount type: theirs 'string' -> ours absent",
    ),
    "GET /orders-received/: response 200 application/json $.results[].payment_balance": (
        "GET /orders-received/: response 200 application/json $.results[].payment_balance anyOf: theirs absent -> ours 2",
        "GET /orders-received/: response 200 application/json $.results[].payment_balance type: theirs 'string' -> ours absent",
    ),
    "GET /orders-received/: response 200 application/json $.results[].available_transitions": (
        "GET /orders-received/: response 200 application/json $.results[].available_transitions type: theirs 'string' -> ours 'array'",
        "GET /orders-received/: response 200 application/json $.results[].available_transitions[] type: theirs absent -> ours 'string'",
    ),
    "GET /orders-received/: response 200 application/json $.results[].is_combination type": (
        "GET /orders-received/: response 200 application/json $.results[].is_combination type: theirs 'string' -> ours 'boolean'",
    ),
    "GET /orders-received/: response 200 application/json $.results[].delivery_info nullable": (
        "GET /orders-received/: response 200 application/json $.results[].delivery_info nullable: theirs False -> ours True",
    ),
    "GET /orders-received/{number}/: response 200 application/json $.shipping_charge.amount": (
        "GET /orders-received/{number}/: response 200 application/json $.shipping_charge.amount anyOf: theirs absent -> ours 2",
        "GET /orders-received/{number}/: response 200 application/json $.shipping_charge.amount format: theirs 'decimal' -> ours absent",
        "GET /orders-received/{number}/: response 200 application/json $.shipping_charge.amount type: theirs 'string' -> ours absent",
    ),
    "GET /orders-received/{number}/: response 200 application/json $.total.amount": (
        "GET /orders-received/{number}/: response 200 application/json $.total.amount anyOf: theirs absent -> ours 2",
        "GET /orders-received/{number}/: response 200 application/json $.total.amount format: theirs 'decimal' -> ours absent",
        "GET /orders-received/{number}/: response 200 application/json $.total.amount type: theirs 'string' -> ours absent",
    ),
    "GET /orders-received/{number}/: response 200 application/json $.payment_balance": (
        "GET /orders-received/{number}/: response 200 application/json $.payment_balance anyOf: theirs absent -> ours 2",
        "GET /orders-received/{number}/: response 200 application/json $.payment_balance type: theirs 'string' -> ours absent",
    ),
    "GET /orders-received/{number}/: response 200 application/json $.available_transitions": (
        "GET /orders-received/{number}/: response 200 application/json $.available_transitions type: theirs 'string' -> ours 'array'",
        "GET /orders-received/{number}/: response 200 application/json $.available_transitions[] type: theirs absent -> ours 'string'",
    ),
    "GET /orders-received/{number}/: response 200 application/json $.is_combination type": (
        "GET /orders-received/{number}/: response 200 application/json $.is_combination type: theirs 'string' -> ours 'boolean'",
    ),
    "GET /orders-received/{number}/: response 200 application/json $.delivery_info nullable": (
        "GET /orders-received/{number}/: response 200 application/json $.delivery_info nullable: theirs False -> ours True",
    ),
    "PATCH /orders-received/{number}/: response 200 application/json $.shipping_charge.amount": (
        "PATCH /orders-received/{number}/: response 200 application/json $.shipping_charge.amount anyOf: theirs absent -> ours 2",
        "PATCH /orders-received/{number}/: response 200 application/json $.shipping_charge.amount format: theirs 'decimal' -> ours absent",
        "PATCH /orders-received/{number}/: response 200 application/json $.shipping_charge.amount type: theirs 'string' -> ours absent",
    ),
    "PATCH /orders-received/{number}/: response 200 application/json $.total.amount": (
        "PATCH /orders-received/{number}/: response 200 application/json $.total.amount anyOf: theirs absent -> ours 2",
        "PATCH /orders-received/{number}/: response 200 application/json $.total.amount format: theirs 'decimal' -> ours absent",
        "PATCH /orders-received/{number}/: response 200 application/json $.total.amount type: theirs 'string' -> ours absent",
    ),
    "PATCH /orders-received/{number}/: response 200 application/json $.payment_balance": (
        "PATCH /orders-received/{number}/: response 200 application/json $.payment_balance anyOf: theirs absent -> ours 2",
        "PATCH /orders-received/{number}/: response 200 application/json $.payment_balance type: theirs 'string' -> ours absent",
    ),
    "PATCH /orders-received/{number}/: response 200 application/json $.available_transitions": (
        "PATCH /orders-received/{number}/: response 200 application/json $.available_transitions type: theirs 'string' -> ours 'array'",
        "PATCH /orders-received/{number}/: response 200 application/json $.available_transitions[] type: theirs absent -> ours 'string'",
    ),
    "PATCH /orders-received/{number}/: response 200 application/json $.is_combination type": (
        "PATCH /orders-received/{number}/: response 200 application/json $.is_combination type: theirs 'string' -> ours 'boolean'",
    ),
    "PATCH /orders-received/{number}/: response 200 application/json $.delivery_info nullable": (
        "PATCH /orders-received/{number}/: response 200 application/json $.delivery_info nullable: theirs False -> ours True",
    ),
    "POST /orders-received/{number}/transition/{action}/: response 200 application/json $.shipping_charge.amount": (
        "POST /orders-received/{number}/transition/{action}/: response 200 application/json $.shipping_charge.amount anyOf: theirs absent -> ours 2",
        "POST /orders-received/{number}/transition/{action}/: response 200 application/json $.shipping_charge.amount format: theirs 'decimal' -> ours absent",
        "POST /orders-received/{number}/transition/{action}/: response 200 application/json $.shipping_charge.amount type: theirs 'string' -> ours absent",
    ),
    "POST /orders-received/{number}/transition/{action}/: response 200 application/json $.total.amount": (
        "POST /orders-received/{number}/transition/{action}/: response 200 application/json $.total.amount anyOf: theirs absent -> ours 2",
        "POST /orders-received/{number}/transition/{action}/: response 200 application/json $.total.amount format: theirs 'decimal' -> ours absent",
        "POST /orders-received/{number}/transition/{action}/: response 200 application/json $.total.amount type: theirs 'string' -> ours absent",
    ),
    "POST /orders-received/{number}/transition/{action}/: response 200 application/json $.payment_balance": (
        "POST /orders-received/{number}/transition/{action}/: response 200 application/json $.payment_balance anyOf: theirs absent -> ours 2",
        "POST /orders-received/{number}/transition/{action}/: response 200 application/json $.payment_balance type: theirs 'string' -> ours absent",
    ),
    "POST /orders-received/{number}/transition/{action}/: response 200 application/json $.available_transitions": (
        "POST /orders-received/{number}/transition/{action}/: response 200 application/json $.available_transitions type: theirs 'string' -> ours 'array'",
        "POST /orders-received/{number}/transition/{action}/: response 200 application/json $.available_transitions[] type: theirs absent -> ours 'string'",
    ),
    "POST /orders-received/{number}/transition/{action}/: response 200 application/json $.is_combination type": (
        "POST /orders-received/{number}/transition/{action}/: response 200 application/json $.is_combination type: theirs 'string' -> ours 'boolean'",
    ),
    "POST /orders-received/{number}/transition/{action}/: response 200 application/json $.delivery_info nullable": (
        "POST /orders-received/{number}/transition/{action}/: response 200 application/json $.delivery_info nullable: theirs False -> ours True",
    ),
    "POST /orders-received/: response 201 application/json $.shipping_charge.amount": (
        "POST /orders-received/: response 201 application/json $.shipping_charge.amount anyOf: theirs absent -> ours 2",
        "POST /orders-received/: response 201 application/json $.shipping_charge.amount format: theirs 'decimal' -> ours absent",
        "POST /orders-received/: response 201 application/json $.shipping_charge.amount type: theirs 'string' -> ours absent",
    ),
    "POST /orders-received/: response 201 application/json $.total.amount": (
        "POST /orders-received/: response 201 application/json $.total.amount anyOf: theirs absent -> ours 2",
        "POST /orders-received/: response 201 application/json $.total.amount format: theirs 'decimal' -> ours absent",
        "POST /orders-received/: response 201 application/json $.total.amount type: theirs 'string' -> ours absent",
    ),
    "POST /orders-received/: response 201 application/json $.payment_balance": (
        "POST /orders-received/: response 201 application/json $.payment_balance anyOf: theirs absent -> ours 2",
        "POST /orders-received/: response 201 application/json $.payment_balance type: theirs 'string' -> ours absent",
    ),
    "POST /orders-received/: response 201 application/json $.available_transitions": (
        "POST /orders-received/: response 201 application/json $.available_transitions type: theirs 'string' -> ours 'array'",
        "POST /orders-received/: response 201 application/json $.available_transitions[] type: theirs absent -> ours 'string'",
    ),
    "POST /orders-received/: response 201 application/json $.is_combination type": (
        "POST /orders-received/: response 201 application/json $.is_combination type: theirs 'string' -> ours 'boolean'",
    ),
    "POST /orders-received/: response 201 application/json $.delivery_info nullable": (
        "POST /orders-received/: response 201 application/json $.delivery_info nullable: theirs False -> ours True",
    ),
    "GET /line-items/: response 200 application/json $.results[].ordered_unit_price.amount": (
        "GET /line-items/: response 200 application/json $.results[].ordered_unit_price.amount anyOf: theirs absent -> ours 2",
        "GET /line-items/: response 200 application/json $.results[].ordered_unit_price.amount format: theirs 'decimal' -> ours absent",
        "GET /line-items/: response 200 application/json $.results[].ordered_unit_price.amount type: theirs 'string' -> ours absent",
    ),
    "GET /line-items/: response 200 application/json $.results[].sale_price.amount": (
        "GET /line-items/: response 200 application/json $.results[].sale_price.amount anyOf: theirs absent -> ours 2",
        "GET /line-items/: response 200 application/json $.results[].sale_price.amount format: theirs 'decimal' -> ours absent",
        "GET /line-items/: response 200 application/json $.results[].sale_price.amount type: theirs 'string' -> ours absent",
    ),
    "GET /line-items/{id}/: response 200 application/json $.ordered_unit_price.amount": (
        "GET /line-items/{id}/: response 200 application/json $.ordered_unit_price.amount anyOf: theirs absent -> ours 2",
        "GET /line-items/{id}/: response 200 application/json $.ordered_unit_price.amount format: theirs 'decimal' -> ours absent",
        "GET /line-items/{id}/: response 200 application/json $.ordered_unit_price.amount type: theirs 'string' -> ours absent",
    ),
    "GET /line-items/{id}/: response 200 application/json $.sale_price.amount": (
        "GET /line-items/{id}/: response 200 application/json $.sale_price.amount anyOf: theirs absent -> ours 2",
        "GET /line-items/{id}/: response 200 application/json $.sale_price.amount format: theirs 'decimal' -> ours absent",
        "GET /line-items/{id}/: response 200 application/json $.sale_price.amount type: theirs 'string' -> ours absent",
    ),
    "PATCH /line-items/{id}/: response 200 application/json $.ordered_unit_price.amount": (
        "PATCH /line-items/{id}/: response 200 application/json $.ordered_unit_price.amount anyOf: theirs absent -> ours 2",
        "PATCH /line-items/{id}/: response 200 application/json $.ordered_unit_price.amount format: theirs 'decimal' -> ours absent",
        "PATCH /line-items/{id}/: response 200 application/json $.ordered_unit_price.amount type: theirs 'string' -> ours absent",
    ),
    "PATCH /line-items/{id}/: response 200 application/json $.sale_price.amount": (
        "PATCH /line-items/{id}/: response 200 application/json $.sale_price.amount anyOf: theirs absent -> ours 2",
        "PATCH /line-items/{id}/: response 200 application/json $.sale_price.amount format: theirs 'decimal' -> ours absent",
        "PATCH /line-items/{id}/: response 200 application/json $.sale_price.amount type: theirs 'string' -> ours absent",
    ),
    "POST /line-items/: response 201 application/json $.ordered_unit_price.amount": (
        "POST /line-items/: response 201 application/json $.ordered_unit_price.amount anyOf: theirs absent -> ours 2",
        "POST /line-items/: response 201 application/json $.ordered_unit_price.amount format: theirs 'decimal' -> ours absent",
        "POST /line-items/: response 201 application/json $.ordered_unit_price.amount type: theirs 'string' -> ours absent",
    ),
    "POST /line-items/: response 201 application/json $.sale_price.amount": (
        "POST /line-items/: response 201 application/json $.sale_price.amount anyOf: theirs absent -> ours 2",
        "POST /line-items/: response 201 application/json $.sale_price.amount format: theirs 'decimal' -> ours absent",
        "POST /line-items/: response 201 application/json $.sale_price.amount type: theirs 'string' -> ours absent",
    ),
    "GET /orders-received/{number}/line-items/: response 200 application/json $[].ordered_unit_price.amount": (
        "GET /orders-received/{number}/line-items/: response 200 application/json $[].ordered_unit_price.amount anyOf: theirs absent -> ours 2",
        "GET /orders-received/{number}/line-items/: response 200 application/json $[].ordered_unit_price.amount format: theirs 'decimal' -> ours absent",
        "GET /orders-received/{number}/line-items/: response 200 application/json $[].ordered_unit_price.amount type: theirs 'string' -> ours absent",
    ),
    "GET /orders-received/{number}/line-items/: response 200 application/json $[].sale_price.amount": (
        "GET /orders-received/{number}/line-items/: response 200 application/json $[].sale_price.amount anyOf: theirs absent -> ours 2",
        "GET /orders-received/{number}/line-items/: response 200 application/json $[].sale_price.amount format: theirs 'decimal' -> ours absent",
        "GET /orders-received/{number}/line-items/: response 200 application/json $[].sale_price.amount type: theirs 'string' -> ours absent",
    ),
    "GET /order-payments/: response 200 application/json $.results[].total.amount": (
        "GET /order-payments/: response 200 application/json $.results[].total.amount anyOf: theirs absent -> ours 2",
        "GET /order-payments/: response 200 application/json $.results[].total.amount format: theirs 'decimal' -> ours absent",
        "GET /order-payments/: response 200 application/json $.results[].total.amount type: theirs 'string' -> ours absent",
    ),
    "GET /order-payments/{id}/: response 200 application/json $.total.amount": (
        "GET /order-payments/{id}/: response 200 application/json $.total.amount anyOf: theirs absent -> ours 2",
        "GET /order-payments/{id}/: response 200 application/json $.total.amount format: theirs 'decimal' -> ours absent",
        "GET /order-payments/{id}/: response 200 application/json $.total.amount type: theirs 'string' -> ours absent",
    ),
    "POST /order-payments/: response 201 application/json $.total.amount": (
        "POST /order-payments/: response 201 application/json $.total.amount anyOf: theirs absent -> ours 2",
        "POST /order-payments/: response 201 application/json $.total.amount format: theirs 'decimal' -> ours absent",
        "POST /order-payments/: response 201 application/json $.total.amount type: theirs 'string' -> ours absent",
    ),
    "GET /orders-received/{number}/payments/: response 200 application/json $[].total.amount": (
        "GET /orders-received/{number}/payments/: response 200 application/json $[].total.amount anyOf: theirs absent -> ours 2",
        "GET /orders-received/{number}/payments/: response 200 application/json $[].total.amount format: theirs 'decimal' -> ours absent",
        "GET /orders-received/{number}/payments/: response 200 application/json $[].total.amount type: theirs 'string' -> ours absent",
    ),
    "GET /buyer/orders/: response 200 application/json $.results[].buyer.id type": (
        "GET /buyer/orders/: response 200 application/json $.results[].buyer.id type: theirs 'string' -> ours 'integer'",
    ),
    "GET /buyer/orders/: response 200 application/json $.results[].buyer.licenses[].id type": (
        "GET /buyer/orders/: response 200 application/json $.results[].buyer.licenses[].id type: theirs 'string' -> ours 'integer'",
    ),
    "GET /buyer/orders/: response 200 application/json $.results[].seller.id type": (
        "GET /buyer/orders/: response 200 application/json $.results[].seller.id type: theirs 'string' -> ours 'integer'",
    ),
    "GET /buyer/orders/: response 200 application/json $.results[].seller.licenses[].id type": (
        "GET /buyer/orders/: response 200 application/json $.results[].seller.licenses[].id type: theirs 'string' -> ours 'integer'",
    ),
    "GET /buyer/orders/: response 200 application/json $.results[].created_by.id type": (
        "GET /buyer/orders/: response 200 application/json $.results[].created_by.id type: theirs 'string' -> ours 'integer'",
    ),
    "GET /buyer/orders/: response 200 application/json $.results[].line_items[].product.id type": (
        "GET /buyer/orders/: response 200 application/json $.results[].line_items[].product.id type: theirs 'string' -> ours 'integer'",
    ),
    "GET /buyer/orders/: response 200 application/json $.results[].line_items[].product.brand.id type": (
        "GET /buyer/orders/: response 200 application/json $.results[].line_items[].product.brand.id type: theirs 'string' -> ours 'integer'",
    ),
    "GET /buyer/orders/: response 200 application/json $.results[].buyer.unit_number nullable": (
        "GET /buyer/orders/: response 200 application/json $.results[].buyer.unit_number nullable: theirs False -> ours True",
    ),
    "GET /buyer/orders/: response 200 application/json $.results[].buyer.phone nullable": (
        "GET /buyer/orders/: response 200 application/json $.results[].buyer.phone nullable: theirs False -> ours True",
    ),
    "GET /buyer/orders/: response 200 application/json $.results[].seller.unit_number nullable": (
        "GET /buyer/orders/: response 200 application/json $.results[].seller.unit_number nullable: theirs False -> ours True",
    ),
    "GET /buyer/orders/: response 200 application/json $.results[].line_items[].product.base_units_per_unit nullable": (
        "GET /buyer/orders/: response 200 application/json $.results[].line_items[].product.base_units_per_unit nullable: theirs False -> ours True",
    ),
    "GET /buyer/orders/: response 200 application/json $.results[].payment_due_date nullable": (
        "GET /buyer/orders/: response 200 application/json $.results[].payment_due_date nullable: theirs False -> ours True",
    ),
    "GET /buyer/orders/: response 200 application/json $.results[].ship_date nullable": (
        "GET /buyer/orders/: response 200 application/json $.results[].ship_date nullable: theirs False -> ours True",
    ),
    "GET /buyer/orders/: response 200 application/json $.results[].shipping_details nullable": (
        "GET /buyer/orders/: response 200 application/json $.results[].shipping_details nullable: theirs False -> ours True",
    ),
    "GET /buyer/orders/: response 200 application/json $.results[].delivered_date nullable": (
        "GET /buyer/orders/: response 200 application/json $.results[].delivered_date nullable: theirs False -> ours True",
    ),
    "GET /buyer/orders/: response 200 application/json $.results[].payment_term nullable": (
        "GET /buyer/orders/: response 200 application/json $.results[].payment_term nullable: theirs False -> ours True",
    ),
    "POST /products/: request body application/json $.retail_price.amount": (
        "POST /products/: request body application/json $.retail_price.amount anyOf: theirs absent -> ours 2",
        "POST /products/: request body application/json $.retail_price.amount format: theirs 'decimal' -> ours absent",
        "POST /products/: request body application/json $.retail_price.amount type: theirs 'string' -> ours absent",
    ),
    "POST /products/: request body application/json $.wholesale_price.amount": (
        "POST /products/: request body application/json $.wholesale_price.amount anyOf: theirs absent -> ours 2",
        "POST /products/: request body application/json $.wholesale_price.amount format: theirs 'decimal' -> ours absent",
        "POST /products/: request body application/json $.wholesale_price.amount type: theirs 'string' -> ours absent",
    ),
    "POST /products/: request body application/json $.sale_price.amount": (
        "POST /products/: request body application/json $.sale_price.amount anyOf: theirs absent -> ours 2",
        "POST /products/: request body application/json $.sale_price.amount format: theirs 'decimal' -> ours absent",
        "POST /products/: request body application/json $.sale_price.amount type: theirs 'string' -> ours absent",
    ),
    "POST /products/: request body application/json $.inventory_management type": (
        "POST /products/: request body application/json $.inventory_management type: theirs 'string' -> ours 'integer'",
    ),
    "POST /products/: request body application/json $.maximum_order nullable": (
        "POST /products/: request body application/json $.maximum_order nullable: theirs False -> ours True",
    ),
    "POST /products/: request body application/json $ required": (
        "POST /products/: request body application/json $ required: theirs ['brand', 'category', 'description', 'inventory_management', 'license', 'listing_state', 'manufacturer', 'maximum_order', 'minimum_order', 'name', 'retail_price', 'sale_price', 'seller', 'sku', 'strain_classification', 'sub_category', 'unit_denomination', 'unit_of_measure', 'wholesale_price'] -> ours ['brand', 'category', 'description', 'inventory_management', 'license', 'listing_state', 'manufacturer', 'maximum_order', 'minimum_order', 'name', 'retail_price', 'sale_price', 'seller', 'sku', 'strain_classification', 'unit_denomination', 'unit_of_measure', 'wholesale_price']",
    ),
    "POST /products/: request body application/json $.display_name": (
        "POST /products/: request body application/json $.display_name: theirs absent -> ours present",
    ),
    "PATCH /products/{id}/: request body application/json $.quantity": (
        "PATCH /products/{id}/: request body application/json $.quantity anyOf: theirs absent -> ours 2",
        "PATCH /products/{id}/: request body application/json $.quantity type: theirs 'string' -> ours absent",
    ),
    "GET /batches/{id}/: parameter path id $ type": (
        "GET /batches/{id}/: parameter path id $ type: theirs 'string' -> ours 'integer'",
    ),
    "PATCH /batches/{id}/: parameter path id $ type": (
        "PATCH /batches/{id}/: parameter path id $ type: theirs 'string' -> ours 'integer'",
    ),
    "DELETE /batches/{id}/: parameter path id $ type": (
        "DELETE /batches/{id}/: parameter path id $ type: theirs 'string' -> ours 'integer'",
    ),
    "GET /product-batches/{id}/: parameter path id $ type": (
        "GET /product-batches/{id}/: parameter path id $ type: theirs 'string' -> ours 'integer'",
    ),
    "DELETE /product-batches/{id}/: parameter path id $ type": (
        "DELETE /product-batches/{id}/: parameter path id $ type: theirs 'string' -> ours 'integer'",
    ),
    "GET /promocodes/{id}/: parameter path id $ type": (
        "GET /promocodes/{id}/: parameter path id $ type: theirs 'string' -> ours 'integer'",
    ),
    "PATCH /promocodes/{id}/: parameter path id $ type": (
        "PATCH /promocodes/{id}/: parameter path id $ type: theirs 'string' -> ours 'integer'",
    ),
    "DELETE /promocodes/{id}/: parameter path id $ type": (
        "DELETE /promocodes/{id}/: parameter path id $ type: theirs 'string' -> ours 'integer'",
    ),
    "GET /batch-documents/: parameter query limit": (
        "GET /batch-documents/: parameter query limit: theirs absent -> ours present",
    ),
    "GET /batch-documents/: parameter query offset": (
        "GET /batch-documents/: parameter query offset: theirs absent -> ours present",
    ),
    "GET /inventory/facilities/: parameter query limit": (
        "GET /inventory/facilities/: parameter query limit: theirs absent -> ours present",
    ),
    "GET /inventory/facilities/: parameter query offset": (
        "GET /inventory/facilities/: parameter query offset: theirs absent -> ours present",
    ),
    "GET /inventory/items/: parameter query limit": (
        "GET /inventory/items/: parameter query limit: theirs absent -> ours present",
    ),
    "GET /inventory/items/: parameter query offset": (
        "GET /inventory/items/: parameter query offset: theirs absent -> ours present",
    ),
    "POST /line-items/: request body application/json $.ordered_unit_price.amount": (
        "POST /line-items/: request body application/json $.ordered_unit_price.amount anyOf: theirs absent -> ours 2",
        "POST /line-items/: request body application/json $.ordered_unit_price.amount format: theirs 'decimal' -> ours absent",
        "POST /line-items/: request body application/json $.ordered_unit_price.amount type: theirs 'string' -> ours absent",
    ),
    "POST /line-items/: request body application/json $.sale_price.amount": (
        "POST /line-items/: request body application/json $.sale_price.amount anyOf: theirs absent -> ours 2",
        "POST /line-items/: request body application/json $.sale_price.amount format: theirs 'decimal' -> ours absent",
        "POST /line-items/: request body application/json $.sale_price.amount type: theirs 'string' -> ours absent",
    ),
    "POST /line-items/: request body application/json $.quantity": (
        "POST /line-items/: request body application/json $.quantity anyOf: theirs absent -> ours 2",
        "POST /line-items/: request body application/json $.quantity format: theirs 'decimal' -> ours absent",
        "POST /line-items/: request body application/json $.quantity type: theirs 'string' -> ours absent",
    ),
    "POST /line-items/: request body application/json $.product type": (
        "POST /line-items/: request body application/json $.product type: theirs 'string' -> ours 'integer'",
    ),
    "POST /orders-received/: request body application/json $.line_items[].ordered_unit_price.amount": (
        "POST /orders-received/: request body application/json $.line_items[].ordered_unit_price.amount anyOf: theirs absent -> ours 2",
        "POST /orders-received/: request body application/json $.line_items[].ordered_unit_price.amount format: theirs 'decimal' -> ours absent",
        "POST /orders-received/: request body application/json $.line_items[].ordered_unit_price.amount type: theirs 'string' -> ours absent",
    ),
    "POST /orders-received/: request body application/json $.line_items[].sale_price.amount": (
        "POST /orders-received/: request body application/json $.line_items[].sale_price.amount anyOf: theirs absent -> ours 2",
        "POST /orders-received/: request body application/json $.line_items[].sale_price.amount format: theirs 'decimal' -> ours absent",
        "POST /orders-received/: request body application/json $.line_items[].sale_price.amount type: theirs 'string' -> ours absent",
    ),
    "POST /orders-received/: request body application/json $.line_items[].quantity": (
        "POST /orders-received/: request body application/json $.line_items[].quantity anyOf: theirs absent -> ours 2",
        "POST /orders-received/: request body application/json $.line_items[].quantity format: theirs 'decimal' -> ours absent",
        "POST /orders-received/: request body application/json $.line_items[].quantity type: theirs 'string' -> ours absent",
    ),
    "POST /orders-received/: request body application/json $.line_items[].product type": (
        "POST /orders-received/: request body application/json $.line_items[].product type: theirs 'string' -> ours 'integer'",
    ),
    "POST /orders-received/: request body application/json $.ext_acct_id nullable": (
        "POST /orders-received/: request body application/json $.ext_acct_id nullable: theirs False -> ours True",
    ),
    "POST /orders-received/: request body application/json $.selected_payment_option": (
        "POST /orders-received/: request body application/json $.selected_payment_option: theirs absent -> ours present",
    ),
    "POST /orders-received/: request body application/json $.shipping_charge.amount": (
        "POST /orders-received/: request body application/json $.shipping_charge.amount anyOf: theirs absent -> ours 2",
        "POST /orders-received/: request body application/json $.shipping_charge.amount format: theirs 'decimal' -> ours absent",
        "POST /orders-received/: request body application/json $.shipping_charge.amount type: theirs 'string' -> ours absent",
    ),
}
