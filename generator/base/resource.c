#include "base/resource.h"

#include <string.h>

const sg_resource *sg_resource_find(const sg_resource *table, const char *name)
{
	for (const sg_resource *r = table; r && r->name; r++)
		if (strcmp(r->name, name) == 0)
			return r;
	return NULL;
}
