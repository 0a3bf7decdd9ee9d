/*
 * cost_table.h - the cost model as a table for a terminal (`salesgen cost`).
 */
#ifndef SG_CLI_COST_TABLE_H
#define SG_CLI_COST_TABLE_H

#include "base/buf.h"
#include "cost/cost.h"
#include "model/customer.h"

/* Appends r to out as a table: the customer cu (NULL for a model computed
 * from the calculator's flags), the self-hosted cost line by line and in
 * total, the offer with its approval and its savings, and the segment when
 * anything of it is known. */
void sg_cost_table_format(sg_buf *out, const sg_cost_result *r, const sg_customer *cu);

#endif
