/*
 * playbooks.h - output/playbooks/NAME.pdf: every playbook set as a PDF, for
 * teams that train on paper.
 */
#ifndef SG_BUILD_PLAYBOOKS_H
#define SG_BUILD_PLAYBOOKS_H

#include "build/engine.h"
#include "model/model.h"

typedef struct sg_playbook_targets sg_playbook_targets;

/* Adds one target per playbook of c, set with the PDF style of theme_dir
 * (NULL: the built-in default). Style problems go to d. The result holds
 * what the targets point at: free it after the engine has run. */
sg_playbook_targets *sg_build_add_playbooks(sg_engine *e, const sg_content *c,
					    const char *theme_dir, sg_diags *d);
void sg_playbook_targets_free(sg_playbook_targets *p);

#endif
