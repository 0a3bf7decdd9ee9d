/*
 * cost_targets.h - the cost outputs of `salesgen build` as engine targets:
 *
 *   costs/ID.json   every customer file: its cost model as `salesgen cost
 *                   --json` prints it, made from the customer's file and the
 *                   catalog (catalog.xml and the files of products/), as the
 *                   customer's evaluation holds it (cost/evaluation.h)
 */
#ifndef SG_TARGETS_COST_TARGETS_H
#define SG_TARGETS_COST_TARGETS_H

#include <stddef.h>

#include "engine/engine.h"
#include "model/model.h"

typedef struct sg_cost_targets sg_cost_targets;

/* Adds a target per file of c's customers/ folder; *matched is how many
 * belong to customer (--customer; NULL: none asked). The result holds what
 * the targets point at: free it after the engine has run. */
sg_cost_targets *sg_build_add_costs(sg_engine *e, const sg_content *c, const char *customer,
				    size_t *matched);
void sg_cost_targets_free(sg_cost_targets *ct);

#endif
