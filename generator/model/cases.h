/*
 * cases.h - the closed list of industries, and the checks on case studies.
 */
#ifndef SG_MODEL_CASES_H
#define SG_MODEL_CASES_H

#include <stdbool.h>
#include <stddef.h>

#include "model/model.h"

/* True for an id of the closed industry list of docs/content.md. */
bool sg_industry_known(const char *id);

/* The list as one comma-separated line, for messages. */
const char *sg_industry_list(void);

/* True for an id of the closed list of concerns a customer may state and a
 * case study may answer (docs/content.md): confidentiality, overseas-mail,
 * spam, rbl, stability, connectivity, maintenance, integration,
 * mailbox-size, service. */
bool sg_concern_known(const char *id);

/* That list as one comma-separated line, for messages. */
const char *sg_concern_list(void);
/* The concern of the list that id is a near miss for (load/suggest.h), or
 * NULL: "did you mean ...?" in messages. */
const char *sg_concern_near(const char *id);

/* Checks a case study's front matter: industry (required, from the list),
 * users (required, a whole number >= 1), previous_system, cycle and price
 * (text), problems (a list of texts), concerns (a list of known concerns).
 * Returns the number of errors added. */
size_t sg_case_check(const sg_doc *doc, sg_diags *d);

#endif
