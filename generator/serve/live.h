/*
 * live.h - the script every served HTML page loads (/__salesgen/live.js).
 *
 * It opens the event stream (serve/events.h) and, on each state:
 *   - shows the overlay of problems (a fixed <div id="sg-overlay"> with the
 *     messages as text) when the state has some, and removes it when not;
 *   - reloads the page when the build of a later generation than the page's
 *     own (data-gen on its script tag) changed the page, a file it names in
 *     <meta name="sg-deps" content="PATH ...">, or the site's assets (or
 *     the build changed too much to list: "*"); or when more than one
 *     build happened since.
 */
#ifndef SG_SERVE_LIVE_H
#define SG_SERVE_LIVE_H

extern const char sg_serve_live_js[];

#endif
