/*
 * settle.c - the end of a burst of file events (settle.h).
 */
#include "serve/settle.h"

void sg_settle_init(sg_settle *s, long quiet, long closed_quiet, long longest)
{
	*s = (sg_settle){.quiet = quiet, .closed_quiet = closed_quiet, .longest = longest};
}

void sg_settle_event(sg_settle *s, long now)
{
	if (!s->pending)
		s->first = now;
	s->pending = true;
	s->last = now;
	s->closed = false;
}

void sg_settle_closed(sg_settle *s, long now)
{
	sg_settle_event(s, now);
	s->closed = true;
}

long sg_settle_wait(const sg_settle *s, long now)
{
	if (!s->pending)
		return -1;
	long quiet_left = s->last + (s->closed ? s->closed_quiet : s->quiet) - now;
	long longest_left = s->first + s->longest - now;
	long left = quiet_left < longest_left ? quiet_left : longest_left;
	return left > 0 ? left : 0;
}

void sg_settle_done(sg_settle *s)
{
	s->pending = false;
}
