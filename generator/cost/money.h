/*
 * money.h - money as people read it: 422,315.20 and 人民币肆拾贰万…元整.
 *
 * The JSON and the templates' plain values carry no grouping (see base/value.h);
 * these are for tables and documents where a person reads the figure.
 */
#ifndef SG_COST_MONEY_H
#define SG_COST_MONEY_H

#include <stdbool.h>

#include "base/buf.h"
#include "model/model.h"

/* Appends fen as yuan with thousands separators and two decimals:
 * 42231520 -> "422,315.20", -150 -> "-1.50". */
void sg_money_format(sg_buf *out, sg_fen fen);

/* The same with the fen only when fen_always or there are any: 9500000 ->
 * "95,000", 9500050 -> "95,000.50". */
void sg_money_group(sg_buf *out, sg_fen fen, bool fen_always);

/* Appends a share as a plain decimal with at most six decimals and at least
 * two: 850000 -> "0.85", 825000 -> "0.825", 1000000 -> "1.00". */
void sg_share_format(sg_buf *out, sg_ppm ppm);

/* Appends fen in Chinese capital numerals, as quotes and contracts write an
 * amount so that it cannot be altered: 9800000 -> "玖万捌仟元整", 1005030 ->
 * "壹万零伍拾元叁角整", 0 -> "零元整". Negative amounts start with "负". No
 * "人民币" prefix: the caller adds the currency. */
void sg_money_capitals(sg_buf *out, sg_fen fen);

#endif
